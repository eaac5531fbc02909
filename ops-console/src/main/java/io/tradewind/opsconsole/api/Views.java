package io.tradewind.opsconsole.api;

import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.Role;
import io.tradewind.model.topology.RoutingControls;
import io.tradewind.opsconsole.flow.FlowSample;
import io.tradewind.opsconsole.flow.ReconciliationHistory;
import io.tradewind.opsconsole.runbook.ExecutionEvent;
import io.tradewind.opsconsole.runbook.RotationExecution;
import io.tradewind.opsconsole.runbook.StepRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The API's JSON: plain records, times as ISO-8601 text and durations in milliseconds. */
final class Views {
    private Views() {}

    record Overview(
            String sampledAt,
            List<RegionView> regions,
            List<AppView> apps,
            Generator generator,
            String controlsReadAt,
            List<FlowSample.Alert> alerts,
            Map<String, Map<String, Long>> queueDepths,
            List<ExecutionView> executions,
            Map<String, String> unavailable) {}

    /** A region as a whole: reachable while any app's services there answer. */
    record RegionView(String name, boolean reachable, String sampledAt, String unreachableSince) {}

    record Generator(Boolean on) {}

    /**
     * @param activeRegions where both the app's routing controls are On (one, except mid-rotation or after a fault)
     */
    record AppView(
            String app,
            List<String> activeRegions,
            List<ControlView> controls,
            DatabaseView database,
            List<ServiceView> regions) {}

    /** @param on null when the control has not been read */
    record ControlView(String name, String kind, String region, Boolean on) {}

    record DatabaseView(String writer, long lagMillis, String readAt) {}

    record ServiceView(
            String region,
            boolean reachable,
            String readAt,
            String unreachableSince,
            String error,
            boolean inboundOpen,
            boolean processingOpen,
            long tableLagMillis,
            long databaseLagMillis,
            long quarantined,
            List<StageView> stages) {}

    record StageView(
            String stage,
            double recordsPerSecond,
            long recordsIn,
            long lagMillis,
            long rejected,
            long failedAttempts,
            boolean breakerOpen,
            List<String> historyAt,
            List<Double> throughputHistory,
            List<Long> lagHistory) {}

    record ReplicationView(String app, String writer, long databaseLagMillis, Map<String, Long> tableLagMillis) {}

    record ParticipantView(String id, List<String> roles, String status, String onboardedAt, String changedAt) {}

    record ReconciliationView(
            String runId,
            String app,
            String region,
            String windowStart,
            String windowEnd,
            int journaled,
            int rejected,
            int applied,
            int delivered,
            int replayed,
            long tookMillis) {}

    record StepView(String step, String startedAt, long tookMillis, String outcome, String detail) {}

    record ExecutionView(
            String executionId,
            String operator,
            String mode,
            List<String> apps,
            String source,
            String target,
            String startedAt,
            String finishedAt,
            String outcome,
            Long tookMillis,
            List<StepView> steps,
            Long rtoToProcessingMillis,
            Long rtoToResolvedMillis,
            Map<String, Map<String, Long>> databaseLoss,
            Map<String, Integer> replayed,
            String message) {}

    record EventView(String executionId, String kind, String step, String at, String text) {}

    record PlanStep(int number, String step, String description) {}

    record PlanView(String plan, String mode, List<String> apps, String source, String target, List<PlanStep> steps) {}

    record Accepted(String executionId, String message) {}

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static Overview overview(FlowSample sample, ConsoleScope scope) {
        List<RegionView> regions = new ArrayList<>();
        for (String region : scope.regions()) {
            List<FlowSample.AppRegion> services = sample.services().stream()
                    .filter(s -> s.region().equals(region))
                    .toList();
            boolean reachable = services.stream().anyMatch(FlowSample.AppRegion::reachable);
            Instant readAt = services.stream()
                    .map(FlowSample.AppRegion::readAt)
                    .filter(Objects::nonNull)
                    .max(Instant::compareTo)
                    .orElse(null);
            Instant since = reachable
                    ? null
                    : services.stream()
                            .map(FlowSample.AppRegion::unreachableSince)
                            .filter(Objects::nonNull)
                            .min(Instant::compareTo)
                            .orElse(null);
            regions.add(new RegionView(region, reachable, iso(readAt), iso(since)));
        }
        List<AppView> apps =
                scope.apps().stream().map(app -> app(sample, scope, app)).toList();
        List<ExecutionView> executions =
                sample.executions().stream().limit(20).map(Views::execution).toList();
        return new Overview(
                iso(sample.sampledAt()),
                regions,
                apps,
                new Generator(sample.controls().get(RoutingControls.GENERATOR)),
                iso(sample.controlsReadAt()),
                sample.alerts(),
                sample.queueDepths(),
                executions,
                sample.unavailable());
    }

    static AppView app(FlowSample sample, ConsoleScope scope, String app) {
        List<ControlView> controls = new ArrayList<>();
        List<String> active = new ArrayList<>();
        for (String region : scope.regions()) {
            boolean allOn = true;
            for (String kind : RoutingControls.KINDS) {
                String name = RoutingControls.name(app, kind, region);
                Boolean on = sample.controls().get(name);
                controls.add(new ControlView(name, kind, region, on));
                allOn &= Boolean.TRUE.equals(on);
            }
            if (allOn) active.add(region);
        }
        FlowSample.Database database = sample.databases().get(app);
        List<ServiceView> services = scope.regions().stream()
                .map(region -> service(sample.service(app, region)))
                .toList();
        return new AppView(
                app,
                active,
                controls,
                database == null
                        ? null
                        : new DatabaseView(database.writer(), database.lagMillis(), iso(database.readAt())),
                services);
    }

    static ServiceView service(FlowSample.AppRegion service) {
        return new ServiceView(
                service.region(),
                service.reachable(),
                iso(service.readAt()),
                iso(service.unreachableSince()),
                service.error(),
                service.inboundOpen(),
                service.processingOpen(),
                service.tableLagMillis(),
                service.databaseLagMillis(),
                service.quarantined(),
                service.stages().stream().map(Views::stage).toList());
    }

    static StageView stage(FlowSample.StageFlow stage) {
        return new StageView(
                stage.stage(),
                Math.round(stage.recordsPerSecond() * 10) / 10.0,
                stage.recordsIn(),
                stage.lagMillis(),
                stage.rejected(),
                stage.failedAttempts(),
                stage.breakerOpen(),
                stage.history().stream().map(p -> iso(p.at())).toList(),
                stage.history().stream()
                        .map(p -> Math.round(p.recordsPerSecond() * 10) / 10.0)
                        .toList(),
                stage.history().stream().map(FlowSample.Point::lagMillis).toList());
    }

    static List<ReplicationView> replication(FlowSample sample, ConsoleScope scope) {
        List<ReplicationView> views = new ArrayList<>();
        for (String app : scope.apps()) {
            FlowSample.Database database = sample.databases().get(app);
            Map<String, Long> tables = new LinkedHashMap<>();
            for (String region : scope.regions())
                tables.put(region, sample.service(app, region).tableLagMillis());
            views.add(new ReplicationView(
                    app,
                    database == null ? null : database.writer(),
                    database == null ? -1 : database.lagMillis(),
                    tables));
        }
        return views;
    }

    static ParticipantView participant(Participant participant) {
        return new ParticipantView(
                participant.id().value(),
                participant.roles().stream().map(Role::name).sorted().toList(),
                participant.status().name(),
                iso(participant.onboardedAt()),
                iso(participant.changedAt()));
    }

    static ReconciliationView reconciliation(ReconciliationHistory.Run run) {
        return new ReconciliationView(
                run.runId(),
                run.app(),
                run.region(),
                iso(run.windowStart()),
                iso(run.windowEnd()),
                run.journaled(),
                run.rejected(),
                run.applied(),
                run.delivered(),
                run.replayed(),
                run.took() == null ? 0 : run.took().toMillis());
    }

    static ExecutionView execution(RotationExecution execution) {
        Map<String, Map<String, Long>> losses = new LinkedHashMap<>();
        execution
                .databaseLoss()
                .forEach((app, loss) ->
                        losses.put(app, Map.of("lostChanges", loss.lostChanges(), "lostMillis", loss.lostMillis())));
        return new ExecutionView(
                execution.executionId(),
                execution.operator(),
                execution.mode() == null ? null : execution.mode().name(),
                execution.apps(),
                execution.source(),
                execution.target(),
                iso(execution.startedAt()),
                iso(execution.finishedAt()),
                execution.outcome() == null ? null : execution.outcome().name(),
                execution.startedAt() == null || execution.finishedAt() == null
                        ? null
                        : Duration.between(execution.startedAt(), execution.finishedAt())
                                .toMillis(),
                execution.steps().stream().map(Views::step).toList(),
                execution.rtoToProcessing().map(Duration::toMillis).orElse(null),
                execution.rtoToResolved().map(Duration::toMillis).orElse(null),
                losses,
                execution.replayed(),
                execution.message());
    }

    static StepView step(StepRecord step) {
        return new StepView(
                step.step().name(),
                iso(step.startedAt()),
                step.took() == null ? 0 : step.took().toMillis(),
                step.outcome().name(),
                step.detail());
    }

    static EventView event(ExecutionEvent event) {
        return new EventView(
                event.executionId(),
                event.kind().name(),
                event.step() == null ? null : event.step().name(),
                iso(event.at()),
                event.text());
    }
}
