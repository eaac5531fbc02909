package io.tradewind.model.topology;

import java.util.List;

/**
 * The Route 53 ARC control panel: per app and region an {@code <app>-inbound-<region>} and an
 * {@code <app>-processing-<region>} control, and the global {@code generator} control.
 */
public final class RoutingControls {
    /** The control panel that holds every control. */
    public static final String CONTROL_PANEL = "tradewind";
    /** The kind of control in front of an app's inbound gateways. */
    public static final String INBOUND = "inbound";
    /** The kind of control in front of an app's stream stages. */
    public static final String PROCESSING = "processing";
    /** Both kinds, inbound first. */
    public static final List<String> KINDS = List.of(INBOUND, PROCESSING);
    /** The global control that switches the trade generator on and off. */
    public static final String GENERATOR = "generator";

    private RoutingControls() {}

    /** The control of {@code kind} for {@code app} in {@code region}, e.g. {@code trade-matching-inbound-us-east-1}. */
    public static String name(String app, String kind, String region) {
        return app + "-" + kind + "-" + region;
    }

    /** The safety rule that keeps {@code app}'s {@code kind} controls On in at most one region. */
    public static String atMostOneRegionRule(String app, String kind) {
        return app + "-" + kind + "-at-most-one-region";
    }
}
