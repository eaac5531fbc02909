package io.tradewind.opsconsole.runbook;

import java.util.Map;

/** The routing controls of the ARC cluster, by name. Updates go through the cluster, which enforces the safety rules. */
public interface RoutingControls {
    boolean isOn(String controlName);

    /**
     * Sets every named control in one request: ARC applies all or none, and refuses the request (an exception naming
     * the rule) when the result would break a safety rule.
     */
    void set(Map<String, Boolean> states);
}
