package io.tradewind.localaws.arc;

import java.util.Arrays;
import java.util.Optional;

/**
 * State of a routing control: ON lets traffic flow to a cell, OFF does not. Carries the exact wire
 * value ({@code "On"}/{@code "Off"}) the ARC JSON protocol uses.
 */
public enum RoutingControlState {
    ON("On"),
    OFF("Off");

    private final String wireValue;

    RoutingControlState(String wireValue) {
        this.wireValue = wireValue;
    }

    /** The value as it appears in ARC requests and responses. */
    public String wireValue() {
        return wireValue;
    }

    /** Maps a boolean "is on" flag, as used by the definition builder. */
    public static RoutingControlState of(boolean on) {
        return on ? ON : OFF;
    }

    /**
     * Parses a wire value. Matching is exact because the service model defines only "On" and
     * "Off"; anything else is a client error the caller should see, not something to guess at.
     */
    public static Optional<RoutingControlState> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireValue.equals(value)).findFirst();
    }
}
