package io.tradewind.localaws.arc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The state behind an emulated ARC cluster: routing controls by ARN plus assertion safety rules.
 * Thread-safe and shared by any number of {@link ArcClusterEndpoint}s, so an update made through
 * one endpoint is visible through all of them, as with the real cluster's regional endpoints.
 */
public final class RoutingControlCluster {

    /** Page size when a ListRoutingControls request has no MaxResults. */
    public static final int DEFAULT_PAGE_SIZE = 100;

    private final Map<String, String> controlPanelNamesByArn;
    private final List<AssertionRule> assertionRules;
    private final Object writeLock = new Object();

    /*
     * Copy-on-write: writers build a whole new map under writeLock and publish it with one volatile
     * write, so a batch is applied atomically and readers never block or see half a batch. A
     * TreeMap keeps list order stable, which pagination tokens rely on.
     */
    private volatile NavigableMap<String, RoutingControl> controls;

    private RoutingControlCluster(
            Map<String, String> controlPanelNamesByArn,
            Map<String, RoutingControl> controls,
            List<AssertionRule> assertionRules) {
        this.controlPanelNamesByArn = Map.copyOf(controlPanelNamesByArn);
        this.controls = Collections.unmodifiableNavigableMap(new TreeMap<>(controls));
        this.assertionRules = List.copyOf(assertionRules);
    }

    /** Starts a definition; see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The routing control with this ARN, or a ResourceNotFound error. */
    public RoutingControl get(String routingControlArn) {
        RoutingControl control = controls.get(routingControlArn);
        if (control == null) {
            throw ArcServiceException.resourceNotFound("RoutingControl", routingControlArn);
        }
        return control;
    }

    /** Snapshot of every routing control, ordered by ARN. */
    public List<RoutingControl> routingControls() {
        return List.copyOf(controls.values());
    }

    /** The declared assertion rules, in declaration order. */
    public List<AssertionRule> assertionRules() {
        return assertionRules;
    }

    /** Looks a rule up by name (names are unique per cluster in this emulator). */
    public Optional<AssertionRule> assertionRule(String name) {
        return assertionRules.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Sets one state without overriding any safety rule. */
    public void update(String routingControlArn, RoutingControlState state) {
        update(List.of(new RoutingControlUpdate(routingControlArn, state)), List.of());
    }

    /**
     * Applies all updates or none. Every rule that asserts a changed control is checked against the
     * resulting state; a rule whose ARN is in {@code safetyRulesToOverride} is skipped, as ARC's
     * SafetyRulesToOverride does. Unknown override ARNs are ignored: they cannot unblock anything,
     * and the Conflict error for the rule that still blocks names its real ARN.
     *
     * @throws ArcServiceException ResourceNotFound for an unknown ARN, Validation for a repeated
     *                             ARN, Conflict naming the rule(s) the result would break
     */
    public void update(List<RoutingControlUpdate> updates, Collection<String> safetyRulesToOverride) {
        Objects.requireNonNull(updates, "updates");
        Set<String> overridden = safetyRulesToOverride == null ? Set.of() : new HashSet<>(safetyRulesToOverride);
        synchronized (writeLock) {
            NavigableMap<String, RoutingControl> current = controls;
            TreeMap<String, RoutingControl> next = new TreeMap<>(current);
            Set<String> changed = new HashSet<>();
            for (RoutingControlUpdate update : updates) {
                RoutingControl control = current.get(update.routingControlArn());
                if (control == null) {
                    throw ArcServiceException.resourceNotFound("RoutingControl", update.routingControlArn());
                }
                if (!changed.add(update.routingControlArn())) {
                    // Two entries for one control make "the resulting state" ambiguous.
                    throw ArcServiceException.invalidField(
                            "UpdateRoutingControlStateEntries",
                            "routing control listed more than once: " + update.routingControlArn());
                }
                next.put(control.arn(), control.withState(update.state()));
            }
            List<AssertionRule> broken = assertionRules.stream()
                    .filter(rule -> !overridden.contains(rule.arn()))
                    .filter(rule -> changed.stream().anyMatch(rule::covers))
                    .filter(rule -> countOn(rule, next) > rule.maxOn())
                    .toList();
            if (!broken.isEmpty()) {
                throw conflict(broken, next);
            }
            controls = Collections.unmodifiableNavigableMap(next);
        }
    }

    /**
     * Declares one more routing control at run time, as ARC's control-plane {@code CreateRoutingControl} would; tests
     * use it to give a component under test a control of its own.
     */
    public void addRoutingControl(String panel, String name, boolean on) {
        String panelArn = Arns.controlPanel(panel);
        if (!controlPanelNamesByArn.containsKey(panelArn)) {
            throw new IllegalArgumentException("unknown control panel " + panel);
        }
        String arn = Arns.routingControl(panel, name);
        synchronized (writeLock) {
            if (controls.containsKey(arn)) {
                throw new IllegalArgumentException("duplicate routing control " + arn);
            }
            TreeMap<String, RoutingControl> next = new TreeMap<>(controls);
            next.put(arn, new RoutingControl(arn, name, panelArn, panel, RoutingControlState.of(on)));
            controls = Collections.unmodifiableNavigableMap(next);
        }
    }

    /**
     * One page of routing controls, optionally limited to one control panel. The token is the
     * (encoded) ARN of the first control of the next page, so it stays valid across state changes.
     */
    public RoutingControlPage list(String controlPanelArn, String nextToken, Integer maxResults) {
        if (controlPanelArn != null && !controlPanelNamesByArn.containsKey(controlPanelArn)) {
            throw ArcServiceException.resourceNotFound("ControlPanel", controlPanelArn);
        }
        int pageSize = maxResults == null ? DEFAULT_PAGE_SIZE : maxResults;
        if (pageSize < 1) {
            throw ArcServiceException.invalidField("MaxResults", "must be at least 1 but was " + pageSize);
        }
        NavigableMap<String, RoutingControl> snapshot = controls;
        Collection<RoutingControl> candidates = nextToken == null
                ? snapshot.values()
                : snapshot.tailMap(decodeToken(nextToken), true).values();
        List<RoutingControl> page = new ArrayList<>(pageSize);
        String following = null;
        for (RoutingControl control : candidates) {
            if (controlPanelArn != null && !controlPanelArn.equals(control.controlPanelArn())) {
                continue;
            }
            if (page.size() == pageSize) {
                following = encodeToken(control.arn());
                break;
            }
            page.add(control);
        }
        return new RoutingControlPage(page, following);
    }

    private static long countOn(AssertionRule rule, Map<String, RoutingControl> state) {
        return rule.routingControlArns().stream()
                .map(state::get)
                .filter(RoutingControl::isOn)
                .count();
    }

    private static ArcServiceException conflict(List<AssertionRule> broken, Map<String, RoutingControl> next) {
        // ARC's message includes the blocking rule's ARN so an operator can pass it to
        // SafetyRulesToOverride; the name and the controls left ON make the cause readable.
        String detail = broken.stream()
                .map(rule -> String.format(
                        "safety rule %s (%s) allows at most %d of its routing controls On, but the update would leave %d On: %s",
                        rule.name(),
                        rule.arn(),
                        rule.maxOn(),
                        countOn(rule, next),
                        rule.routingControlArns().stream()
                                .map(next::get)
                                .filter(RoutingControl::isOn)
                                .map(RoutingControl::name)
                                .collect(Collectors.joining(", ", "[", "]"))))
                .collect(Collectors.joining("; "));
        return ArcServiceException.conflict(
                "SafetyRule", broken.get(0).arn(), "Routing control state update rejected: " + detail);
    }

    private static String encodeToken(String arn) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(arn.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            String arn = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (arn.startsWith("arn:")) {
                return arn;
            }
        } catch (IllegalArgumentException ignored) {
            // fall through: report it as the client's bad token below
        }
        throw ArcServiceException.invalidField("NextToken", "not a token issued by this cluster");
    }

    /**
     * Declares control panels, routing controls (with initial state) and assertion rules. Routing
     * controls and rules belong to the most recent {@link #controlPanel(String)}; rules may name
     * their controls by name (within that panel) or by full ARN.
     */
    public static final class Builder {

        private final Map<String, String> panels = new LinkedHashMap<>();
        private final Map<String, RoutingControl> controls = new LinkedHashMap<>();
        private final Map<String, AssertionRule> rules = new LinkedHashMap<>();
        private String currentPanel;

        private Builder() {}

        /** Starts (or returns to) a control panel; later controls and rules are added to it. */
        public Builder controlPanel(String name) {
            panels.putIfAbsent(Arns.controlPanel(name), name);
            currentPanel = name;
            return this;
        }

        /** Adds a routing control to the current panel, initially ON or OFF. */
        public Builder routingControl(String name, boolean on) {
            String panel = requirePanel();
            String arn = Arns.routingControl(panel, name);
            RoutingControl control =
                    new RoutingControl(arn, name, Arns.controlPanel(panel), panel, RoutingControlState.of(on));
            if (controls.putIfAbsent(arn, control) != null) {
                throw new IllegalArgumentException("duplicate routing control " + arn);
            }
            return this;
        }

        /**
         * Adds an assertion rule to the current panel allowing at most {@code maxOn} of the given
         * routing controls (names in the current panel, or ARNs) to be ON at once.
         */
        public Builder assertionRule(String name, List<String> routingControls, int maxOn) {
            String panel = requirePanel();
            List<String> arns = routingControls.stream()
                    .map(ref -> ref.startsWith("arn:") ? ref : Arns.routingControl(panel, ref))
                    .toList();
            if (rules.values().stream().anyMatch(r -> r.name().equals(name))) {
                throw new IllegalArgumentException("duplicate assertion rule " + name);
            }
            AssertionRule rule = new AssertionRule(name, Arns.safetyRule(panel, name), arns, maxOn);
            rules.put(rule.arn(), rule);
            return this;
        }

        /**
         * Validates and builds. Rules must reference declared controls, and the initial states must
         * satisfy every rule: a definition that starts broken is a configuration mistake.
         */
        public RoutingControlCluster build() {
            for (AssertionRule rule : rules.values()) {
                for (String arn : rule.routingControlArns()) {
                    if (!controls.containsKey(arn)) {
                        throw new IllegalStateException(
                                "assertion rule " + rule.name() + " references undeclared routing control " + arn);
                    }
                }
                if (countOn(rule, controls) > rule.maxOn()) {
                    throw new IllegalStateException("initial states break assertion rule " + rule.name()
                            + ": more than " + rule.maxOn() + " of its routing controls are On");
                }
            }
            return new RoutingControlCluster(panels, controls, new ArrayList<>(rules.values()));
        }

        private String requirePanel() {
            if (currentPanel == null) {
                throw new IllegalStateException("declare a controlPanel(...) first");
            }
            return currentPanel;
        }
    }
}
