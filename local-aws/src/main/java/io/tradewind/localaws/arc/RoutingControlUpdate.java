package io.tradewind.localaws.arc;

import java.util.Objects;

/** One requested state change, the emulator's form of ARC's {@code UpdateRoutingControlStateEntry}. */
public record RoutingControlUpdate(String routingControlArn, RoutingControlState state) {

    public RoutingControlUpdate {
        Objects.requireNonNull(routingControlArn, "routingControlArn");
        Objects.requireNonNull(state, "state");
    }
}
