package io.tradewind.localaws.arc;

import io.tradewind.model.topology.App;
import io.tradewind.model.topology.RoutingControls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing controls and safety rules a local ARC cluster starts with, as data: on AWS the same set is declared in
 * Terraform. Names are stable; ARNs are derived from the panel and control names.
 *
 * @param initialStates routing control name to its initial state (true = On), in declaration order
 */
public record ControlPanelSpec(String name, Map<String, Boolean> initialStates, List<AssertionRuleSpec> rules) {

    /** A rule that at most {@code maxOn} of the named routing controls may be On at any time. */
    public record AssertionRuleSpec(String name, List<String> controlNames, int maxOn) {
        public AssertionRuleSpec {
            controlNames = List.copyOf(controlNames);
            if (maxOn < 0) throw new IllegalArgumentException("maxOn " + maxOn + " is negative");
        }
    }

    public ControlPanelSpec {
        initialStates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(initialStates));
        rules = List.copyOf(rules);
        for (AssertionRuleSpec rule : rules)
            for (String control : rule.controlNames())
                if (!initialStates.containsKey(control))
                    throw new IllegalArgumentException("rule " + rule.name() + " names unknown control " + control);
    }

    /**
     * Tradewind's panel: {@code <app>-<kind>-<region>} for each app, kind and region, On in {@code activeRegion} only,
     * with a rule per app and kind that at most one region is On; plus the global {@code generator} control, Off.
     */
    public static ControlPanelSpec tradewindDefaults(List<String> regions, String activeRegion) {
        Map<String, Boolean> states = new LinkedHashMap<>();
        List<AssertionRuleSpec> rules = new ArrayList<>();
        for (String app : App.ids()) {
            for (String kind : RoutingControls.KINDS) {
                List<String> pair = new ArrayList<>();
                for (String region : regions) {
                    String control = RoutingControls.name(app, kind, region);
                    states.put(control, region.equals(activeRegion));
                    pair.add(control);
                }
                rules.add(new AssertionRuleSpec(RoutingControls.atMostOneRegionRule(app, kind), pair, 1));
            }
        }
        states.put(RoutingControls.GENERATOR, false);
        return new ControlPanelSpec(RoutingControls.CONTROL_PANEL, states, rules);
    }
}
