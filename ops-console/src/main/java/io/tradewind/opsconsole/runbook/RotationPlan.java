package io.tradewind.opsconsole.runbook;

import static io.tradewind.model.topology.RoutingControls.INBOUND;
import static io.tradewind.model.topology.RoutingControls.PROCESSING;
import static io.tradewind.model.topology.RoutingControls.name;

import java.util.List;

/**
 * What the runbook will do to move one app from {@code source} to {@code target}: its steps, as data. A dry run prints
 * the plan; an execution runs it. Plans of several apps that move together run in lockstep, one step at a time for all
 * of them, so an app never waits in a region the other has left.
 */
public record RotationPlan(String app, RotationMode mode, String source, String target, List<StepKind> steps) {

    public RotationPlan {
        if (app == null || app.isBlank()) throw new IllegalArgumentException("app is blank");
        if (source == null || target == null || source.equals(target))
            throw new IllegalArgumentException("source " + source + " and target " + target + " must be two regions");
        steps = List.copyOf(steps);
    }

    /** The standard plan for {@code mode}: every step, without the drain and with a failover for an unplanned move. */
    public static RotationPlan of(String app, RotationMode mode, String source, String target) {
        List<StepKind> steps =
                switch (mode) {
                    case ROTATE ->
                        List.of(
                                StepKind.PRE_FLIGHT,
                                StepKind.INBOUND_OFF_SOURCE,
                                StepKind.DRAIN,
                                StepKind.PROCESSING_OFF_SOURCE,
                                StepKind.DATABASE_SWITCHOVER,
                                StepKind.PROCESSING_ON_TARGET,
                                StepKind.INBOUND_ON_TARGET,
                                StepKind.RECONCILE,
                                StepKind.POST_CHECKS);
                    case FAILOVER ->
                        List.of(
                                StepKind.PRE_FLIGHT,
                                StepKind.INBOUND_OFF_SOURCE,
                                StepKind.PROCESSING_OFF_SOURCE,
                                StepKind.DATABASE_FAILOVER,
                                StepKind.PROCESSING_ON_TARGET,
                                StepKind.INBOUND_ON_TARGET,
                                StepKind.RECONCILE,
                                StepKind.POST_CHECKS);
                };
        return new RotationPlan(app, mode, source, target, steps);
    }

    /** The app's routing control in front of its inbound gateways in {@code region}. */
    public String inboundControl(String region) {
        return controlName(INBOUND, region);
    }

    /** The app's routing control in front of its stream stages in {@code region}. */
    public String processingControl(String region) {
        return controlName(PROCESSING, region);
    }

    /** The app's routing control of {@code kind} ({@code inbound} or {@code processing}) in {@code region}. */
    public String controlName(String kind, String region) {
        return name(app, kind, region);
    }
}
