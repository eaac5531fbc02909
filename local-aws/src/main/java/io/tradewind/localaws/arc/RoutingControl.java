package io.tradewind.localaws.arc;

import java.util.Objects;

/**
 * Immutable snapshot of one routing control: identity, owning control panel and current state.
 * The cluster replaces snapshots on update rather than mutating them, so readers never see a
 * half-applied batch.
 */
public record RoutingControl(
        String arn, String name, String controlPanelArn, String controlPanelName, RoutingControlState state) {

    public RoutingControl {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(controlPanelArn, "controlPanelArn");
        Objects.requireNonNull(controlPanelName, "controlPanelName");
        Objects.requireNonNull(state, "state");
    }

    /** Whether traffic currently flows to this control's cell. */
    public boolean isOn() {
        return state == RoutingControlState.ON;
    }

    /** A copy with a different state. */
    public RoutingControl withState(RoutingControlState newState) {
        return new RoutingControl(arn, name, controlPanelArn, controlPanelName, newState);
    }
}
