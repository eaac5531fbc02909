package io.tradewind.platform.regiongate;

/** Reads one routing control's state. */
public interface RoutingControlReader {

    /**
     * @return true when the control is On
     * @throws RoutingControlUnavailableException when no endpoint could answer
     */
    boolean isOn(String routingControlArn);
}
