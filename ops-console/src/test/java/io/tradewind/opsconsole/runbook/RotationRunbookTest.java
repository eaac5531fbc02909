package io.tradewind.opsconsole.runbook;

import static io.tradewind.opsconsole.runbook.RegionsFake.EAST;
import static io.tradewind.opsconsole.runbook.RegionsFake.WEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RotationRunbookTest {
    private final RegionsFake regions = new RegionsFake();
    private final List<String> progress = new ArrayList<>();

    private static List<RotationPlan> plans(RotationMode mode, String from, String to) {
        return RegionsFake.APPS.stream()
                .map(app -> RotationPlan.of(app, mode, from, to))
                .toList();
    }

    private RotationExecution execute(RotationMode mode) {
        return regions.runbook().execute(plans(mode, EAST, WEST), "sre@test", progress::add);
    }

    /** A planned rotation back from us-west-2, after {@link #execute} moved the apps there. */
    private RotationExecution rotateBack() {
        return regions.runbook().execute(plans(RotationMode.ROTATE, WEST, EAST), "sre@test", progress::add);
    }

    @Test
    void aPlannedRotationHasEveryStepAndAFailoverNoDrain() {
        assertThat(RotationPlan.of("trade-matching", RotationMode.ROTATE, EAST, WEST)
                        .steps())
                .containsExactly(
                        StepKind.PRE_FLIGHT,
                        StepKind.INBOUND_OFF_SOURCE,
                        StepKind.DRAIN,
                        StepKind.PROCESSING_OFF_SOURCE,
                        StepKind.DATABASE_SWITCHOVER,
                        StepKind.PROCESSING_ON_TARGET,
                        StepKind.INBOUND_ON_TARGET,
                        StepKind.RECONCILE,
                        StepKind.POST_CHECKS);
        assertThat(RotationPlan.of("trade-matching", RotationMode.FAILOVER, EAST, WEST)
                        .steps())
                .doesNotContain(StepKind.DRAIN, StepKind.DATABASE_SWITCHOVER)
                .contains(StepKind.DATABASE_FAILOVER);
    }

    @Test
    void aDryRunPrintsEveryStepAndChangesNothing() {
        String text = regions.runbook().describe(plans(RotationMode.ROTATE, EAST, WEST));

        assertThat(text)
                .contains("dry run")
                .contains("set trade-matching-inbound-us-east-1 Off")
                .contains("switch settlement-matching's global database over to us-west-2")
                .contains("forward trades.inbound, settlements.confirmations from us-east-1 to us-west-2")
                .contains("set settlement-matching-processing-us-west-2 On");
        assertThat(regions.updates).isEmpty();
        assertThat(regions.audited()).isEmpty();
        assertThat(regions.runsIn(EAST)).isTrue();
    }

    @Test
    void aPlannedRotationMovesBothAppsDrainingTheSourceIntoTheTarget() {
        regions.depth.put(EAST + "/trades.inbound", 12L);
        regions.depth.put(EAST + "/settlements.inbound", 3L);

        RotationExecution execution = execute(RotationMode.ROTATE);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.SUCCEEDED);
        assertThat(regions.runsIn(WEST)).isTrue();
        assertThat(regions.depth(WEST, "trades.inbound")).isEqualTo(12);
        assertThat(regions.depth(WEST, "settlements.inbound")).isEqualTo(3);
        assertThat(regions.switchovers).containsExactly("trade-matching->us-west-2", "settlement-matching->us-west-2");
        assertThat(regions.failovers).isEmpty();
        assertThat(execution.steps()).extracting(StepRecord::outcome).containsOnly(StepRecord.Outcome.DONE);
        assertThat(execution.steps())
                .extracting(StepRecord::step)
                .containsExactlyElementsOf(
                        RotationPlan.of("x", RotationMode.ROTATE, EAST, WEST).steps());
        assertThat(execution.rtoToProcessing()).isPresent();
        assertThat(execution.rtoToResolved()).isPresent();
        assertThat(execution.rtoToResolved().get())
                .isGreaterThanOrEqualTo(execution.rtoToProcessing().get());
        assertThat(regions.audited()).containsExactly(execution);
        assertThat(execution.operator()).isEqualTo("sre@test");
    }

    @Test
    void sourceControlsGoOffBeforeAnyTargetControlGoesOnAndProcessingBeforeInbound() {
        execute(RotationMode.ROTATE);

        assertThat(regions.updates)
                .containsExactly(
                        Map.of(
                                "trade-matching-inbound-us-east-1",
                                false,
                                "settlement-matching-inbound-us-east-1",
                                false),
                        Map.of(
                                "trade-matching-processing-us-east-1",
                                false,
                                "settlement-matching-processing-us-east-1",
                                false),
                        Map.of(
                                "trade-matching-processing-us-west-2",
                                true,
                                "settlement-matching-processing-us-west-2",
                                true),
                        Map.of(
                                "trade-matching-inbound-us-west-2",
                                true,
                                "settlement-matching-inbound-us-west-2",
                                true));
    }

    @Test
    void reconciliationEndsItsWindowWhereTheTargetStartedTakingNewInputs() {
        RotationExecution execution = execute(RotationMode.ROTATE);

        StepRecord inboundOn = execution.steps().stream()
                .filter(step -> step.step() == StepKind.INBOUND_ON_TARGET)
                .findFirst()
                .orElseThrow();
        assertThat(regions.reconciledUntil).hasSize(2);
        assertThat(regions.reconciledUntil.get(0))
                .isAfterOrEqualTo(inboundOn.startedAt())
                .isBeforeOrEqualTo(inboundOn.startedAt().plus(inboundOn.took()));
    }

    @Test
    void reconciliationStartsAMinuteBeforeTheLastPlannedRotationsTakeoverAndWatchesOnlyItsReplays() {
        RotationExecution there = execute(RotationMode.ROTATE);
        assertThat(regions.reconciledSince)
                .as("no earlier rotation: the whole window")
                .containsOnly(Optional.empty());
        regions.reconciledSince.clear();
        regions.replaysPerRun = 2;
        regions.outstandingLooks = 1;

        RotationExecution back = rotateBack();

        assertThat(back.outcome()).isEqualTo(RotationExecution.Outcome.SUCCEEDED);
        Instant takeover = there.steps().stream()
                .filter(step -> step.step() == StepKind.INBOUND_ON_TARGET)
                .findFirst()
                .orElseThrow()
                .startedAt();
        assertThat(regions.reconciledSince).containsOnly(Optional.of(takeover.minus(Duration.ofMinutes(1))));
        assertThat(regions.watchedKeys)
                .as("the replays, and once one is seen terminal only the rest")
                .containsExactly(
                        "trade-matching|replay-0",
                        "trade-matching|replay-1",
                        "settlement-matching|replay-0",
                        "settlement-matching|replay-1",
                        "trade-matching|replay-0");
        assertThat(back.steps())
                .filteredOn(step -> step.step() == StepKind.RECONCILE)
                .singleElement()
                .extracting(StepRecord::detail)
                .asString()
                .contains("the last planned rotation's takeover");
    }

    @Test
    void anUnreadableAuditMeansTheWholeWindowIsReconciled() {
        execute(RotationMode.ROTATE);
        regions.auditUnreadable = true;
        regions.reconciledSince.clear();

        RotationExecution back = rotateBack();

        assertThat(back.outcome()).isEqualTo(RotationExecution.Outcome.SUCCEEDED);
        assertThat(regions.reconciledSince).containsOnly(Optional.empty());
        assertThat(back.steps())
                .filteredOn(step -> step.step() == StepKind.RECONCILE)
                .singleElement()
                .extracting(StepRecord::detail)
                .asString()
                .contains("audit could not be read");
    }

    @Test
    void aDrainThatNeverSettlesRollsTheRotationBack() {
        regions.recordsKeepArriving = true;

        RotationExecution execution = execute(RotationMode.ROTATE);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.ROLLED_BACK);
        assertThat(execution.message())
                .contains("DRAIN failed")
                .contains("did not drain")
                .contains("runs in us-east-1 again");
        assertThat(regions.runsIn(EAST)).isTrue();
        assertThat(regions.switchovers).isEmpty();
        assertThat(execution.steps())
                .extracting(StepRecord::outcome)
                .containsExactly(
                        StepRecord.Outcome.DONE,
                        StepRecord.Outcome.DONE,
                        StepRecord.Outcome.FAILED,
                        StepRecord.Outcome.NOT_RUN,
                        StepRecord.Outcome.NOT_RUN,
                        StepRecord.Outcome.NOT_RUN,
                        StepRecord.Outcome.NOT_RUN,
                        StepRecord.Outcome.NOT_RUN,
                        StepRecord.Outcome.NOT_RUN);
        assertThat(regions.audited()).containsExactly(execution);
    }

    @Test
    void aStageThatLagsKeepsTheDrainWaitingAndNamesIt() {
        regions.stageLagMillis = 1_500;

        RotationExecution execution = execute(RotationMode.ROTATE);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.ROLLED_BACK);
        assertThat(execution.message()).contains("trade-matching's stages are 1500 ms behind");
    }

    @Test
    void preFlightRefusesAnUnhealthyTargetAndChangesNothing() {
        regions.unhealthy.add("settlement-matching@" + WEST);

        RotationExecution execution = execute(RotationMode.ROTATE);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.ROLLED_BACK);
        assertThat(execution.message()).contains("settlement-matching in us-west-2 is not healthy");
        assertThat(regions.runsIn(EAST)).isTrue();
        assertThat(regions.updates)
                .containsExactly(Map.of(
                        "trade-matching-inbound-us-east-1", true, "settlement-matching-inbound-us-east-1", true));
    }

    @Test
    void preFlightRefusesWhenReplicationLagsBeyondTheBound() {
        regions.databaseLag.put("trade-matching", 9_000L);

        RotationExecution execution = execute(RotationMode.ROTATE);

        assertThat(execution.message())
                .contains("trade-matching's replication lag stayed above 5000 ms")
                .contains("postgres 9000 ms");
        assertThat(regions.runsIn(EAST)).isTrue();
    }

    @Test
    void preFlightWaitsForABriefLagBurstToPass() {
        regions.databaseLag.put("trade-matching", 9_000L);
        regions.lagLooksUntilCaughtUp = 3;

        RotationExecution execution = execute(RotationMode.ROTATE);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.SUCCEEDED);
        assertThat(execution.steps().get(0).detail()).contains("trade-matching lag postgres 0 ms");
    }

    @Test
    void aFailedSwitchoverGivesTheSourceItsProcessingBack() {
        regions.failSwitchover = true;

        RotationExecution execution = execute(RotationMode.ROTATE);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.ROLLED_BACK);
        assertThat(execution.message()).contains("switchover failed").contains("replication lag did not reach 0");
        assertThat(regions.runsIn(EAST)).isTrue();
    }

    @Test
    void aSourceThatDoesNotStopProcessingKeepsTheTargetOff() {
        regions.stuckGates.add("trade-matching@" + EAST + "/processing");

        RotationExecution execution = execute(RotationMode.ROTATE);

        assertThat(execution.message()).contains("trade-matching's processing in us-east-1 did not stop");
        assertThat(regions.controls.get("trade-matching-processing-us-west-2")).isFalse();
        assertThat(regions.switchovers).isEmpty();
    }

    @Test
    void aFailureAfterTheDatabaseMovedStopsAndSaysWhatIsOnWhere() {
        regions.stuckGates.add("settlement-matching@" + WEST + "/inbound");

        RotationExecution execution = execute(RotationMode.ROTATE);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.FAILED);
        assertThat(execution.message())
                .contains("settlement-matching's inbound in us-west-2 did not start")
                .contains("settlement-matching-inbound-us-west-2 On")
                .contains("settlement-matching-inbound-us-east-1 Off")
                .contains("No two regions are On");
        assertThat(regions.writers).containsEntry("trade-matching", WEST);
    }

    @Test
    void aFailoverFencesADeadSourceFailsTheDatabasesOverOnceConfirmedAndReportsTheLoss() throws Exception {
        regions.unreachableRegions.add(EAST);
        regions.replaysPerRun = 40;
        regions.outstandingLooks = 3;
        RotationDesk desk = regions.desk();
        String id = desk.start(
                new RotationRequest(RotationMode.FAILOVER, RegionsFake.APPS, EAST, WEST, null, false), "sre@test");
        Events events = Events.of(desk, id);
        events.await(ExecutionEvent.Kind.AWAITING_CONFIRMATION);
        assertThat(regions.failovers)
                .as("nothing moves before the confirmation")
                .isEmpty();
        assertThat(desk.execution(id).orElseThrow().outcome())
                .isEqualTo(RotationExecution.Outcome.AWAITING_CONFIRMATION);

        desk.confirm(id, "sre-confirming");
        events.await(ExecutionEvent.Kind.FINISHED);

        RotationExecution execution = desk.execution(id).orElseThrow();

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.SUCCEEDED);
        assertThat(regions.runsIn(WEST)).isTrue();
        assertThat(regions.failovers).containsExactly("trade-matching->us-west-2", "settlement-matching->us-west-2");
        assertThat(execution.databaseLoss()).containsEntry("trade-matching", new GlobalDatabases.FailoverLoss(7, 420));
        assertThat(execution.replayed()).containsEntry("trade-matching", 40);
        assertThat(execution.steps())
                .filteredOn(step -> step.step() == StepKind.PROCESSING_OFF_SOURCE)
                .singleElement()
                .extracting(StepRecord::detail)
                .asString()
                .contains("did not confirm")
                .contains("fences it")
                .contains("awaiting an operator's confirmation");
        assertThat(execution.rtoToResolved()).isPresent();
        assertThat(execution.actions())
                .extracting(OperatorAction::kind, OperatorAction::operator)
                .containsExactly(
                        tuple(OperatorAction.Kind.STARTED, "sre@test"),
                        tuple(OperatorAction.Kind.CONFIRMED, "sre-confirming"));
    }

    @Test
    void replayedInputsThatNeverResolveFailThePostChecks() {
        regions.replaysPerRun = 5;
        regions.outstandingLooks = Integer.MAX_VALUE;

        RotationExecution execution = execute(RotationMode.ROTATE);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.FAILED);
        assertThat(execution.message()).contains("inputs still not terminal").contains("trade-matching|replay-0");
    }

    @Test
    void plansExecutedTogetherMustMoveTheSameWay() {
        List<RotationPlan> mixed = List.of(
                RotationPlan.of("trade-matching", RotationMode.ROTATE, EAST, WEST),
                RotationPlan.of("settlement-matching", RotationMode.ROTATE, WEST, EAST));

        assertThatThrownBy(() -> regions.runbook().execute(mixed, "sre", progress::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must move the same way");
        assertThatThrownBy(() -> RotationPlan.of("trade-matching", RotationMode.ROTATE, EAST, EAST))
                .hasMessageContaining("must be two regions");
    }
}
