package io.tradewind.localaws.arc;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's ARC cluster: one {@link RoutingControlCluster} built from a {@link ControlPanelSpec}, served on
 * several endpoints as a real cluster is, so clients that try each endpoint in turn can be tested against an outage of
 * one of them.
 */
public final class LocalArcCluster implements AutoCloseable {
    private final ControlPanelSpec spec;
    private final RoutingControlCluster cluster;
    private final List<ArcClusterEndpoint> endpoints;

    private LocalArcCluster(ControlPanelSpec spec, RoutingControlCluster cluster, List<ArcClusterEndpoint> endpoints) {
        this.spec = spec;
        this.cluster = cluster;
        this.endpoints = endpoints;
    }

    /** Builds the panel's controls and rules and serves them on one endpoint per port (0 = a free port). */
    public static LocalArcCluster start(ControlPanelSpec spec, List<Integer> ports) {
        RoutingControlCluster.Builder builder = RoutingControlCluster.builder().controlPanel(spec.name());
        for (Map.Entry<String, Boolean> control : spec.initialStates().entrySet())
            builder.routingControl(control.getKey(), control.getValue());
        for (ControlPanelSpec.AssertionRuleSpec rule : spec.rules())
            builder.assertionRule(rule.name(), rule.controlNames(), rule.maxOn());
        RoutingControlCluster cluster = builder.build();
        List<ArcClusterEndpoint> endpoints = new ArrayList<>();
        try {
            for (int port : ports) endpoints.add(ArcClusterEndpoint.start(cluster, port));
        } catch (RuntimeException e) {
            endpoints.forEach(ArcClusterEndpoint::close);
            throw e;
        }
        return new LocalArcCluster(spec, cluster, List.copyOf(endpoints));
    }

    /** The data-plane endpoints, in the order clients should try them. */
    public List<URI> endpoints() {
        return endpoints.stream().map(ArcClusterEndpoint::endpoint).toList();
    }

    /** One endpoint's server, e.g. to stop it and prove clients fail over to the next. */
    public ArcClusterEndpoint endpoint(int index) {
        return endpoints.get(index);
    }

    public RoutingControlCluster cluster() {
        return cluster;
    }

    public String controlPanelArn() {
        return Arns.controlPanel(spec.name());
    }

    /** The ARN of a routing control of this panel, as configuration states it. */
    public String routingControlArn(String controlName) {
        return Arns.routingControl(spec.name(), controlName);
    }

    /** Declares a routing control at run time (what ARC's control-plane API does); see the cluster. */
    public String addRoutingControl(String controlName, boolean on) {
        cluster.addRoutingControl(spec.name(), controlName, on);
        return routingControlArn(controlName);
    }

    public String describe() {
        StringBuilder text = new StringBuilder("  ARC cluster, control panel " + controlPanelArn());
        for (ArcClusterEndpoint endpoint : endpoints)
            text.append(System.lineSeparator()).append("    endpoint   ").append(endpoint.endpoint());
        text.append(System.lineSeparator())
                .append("    ")
                .append(cluster.routingControls().size())
                .append(" routing controls, ")
                .append(cluster.assertionRules().size())
                .append(" assertion rules");
        return text.toString();
    }

    @Override
    public void close() {
        endpoints.forEach(ArcClusterEndpoint::close);
    }
}
