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
import org.junit.jupiter.api.Test;

/** The runbook's operations: the lease, the step audit, interrupted executions, resume, abort and confirmation. */
class RotationDeskTest {
    private final RegionsFake regions = new RegionsFake();
    private final List<String> progress = new ArrayList<>();

    private static RotationRequest request(RotationMode mode) {
        return new RotationRequest(mode, RegionsFake.APPS, EAST, WEST, null, false);
    }

    private static List<RotationPlan> plans(RotationMode mode) {
        return request(mode).plans();
    }

    /** Runs a rotation on this thread until the fake kills its process at {@code call}; returns its id. */
    private String killedAt(String call) {
        regions.killOn = call;
        assertThatThrownBy(() -> regions.runbook().execute(plans(RotationMode.ROTATE), "sre-a", progress::add))
                .isInstanceOf(RegionsFake.Killed.class);
        return regions.audited().get(0).executionId();
    }

    private static RotationExecution finished(RotationDesk desk, String id) throws InterruptedException {
        Events.of(desk, id).await(ExecutionEvent.Kind.FINISHED);
        return desk.execution(id).orElseThrow();
    }

    // The lease.

    @Test
    void anExecutionTakesTheLeaseBeforeItsFirstStepAndGivesItUpAtItsEnd() {
        RotationExecution execution = regions.runbook().execute(plans(RotationMode.ROTATE), "sre-a", progress::add);

        assertThat(execution.succeeded()).isTrue();
        assertThat(regions.leaseCalls).first().isEqualTo("acquire sre-a");
        assertThat(regions.leaseCalls).last().isEqualTo("release sre-a");
        assertThat(regions.heldLease).isNull();
        assertThat(regions.trailOf(execution.executionId()).get(0))
                .as("recorded RUNNING, holding the lease, before any step")
                .isEqualTo("RUNNING -");
    }

    @Test
    void aSecondExecutionIsRefusedNamingWhoHoldsTheLeaseAndChangesNothing() {
        Instant until = regions.leaseNow().plusSeconds(60);
        regions.heldLease = new RotationLease.Lease("execution-1", "sre-a", until);

        assertThatThrownBy(() -> regions.desk().start(request(RotationMode.ROTATE), "sre-b"))
                .isInstanceOf(RotationLease.LeaseHeldException.class)
                .hasMessageContaining("execution-1")
                .hasMessageContaining("sre-a")
                .hasMessageContaining(until.toString());
        assertThat(regions.updates).isEmpty();
        assertThat(regions.audited()).isEmpty();
    }

    @Test
    void aLeaseWhoseHolderDiedExpiresAndIsTakenOver() {
        regions.heldLease = new RotationLease.Lease(
                "execution-1", "sre-a", regions.leaseNow().minusMillis(1));

        RotationExecution execution = regions.runbook().execute(plans(RotationMode.ROTATE), "sre-b", progress::add);

        assertThat(execution.succeeded()).isTrue();
    }

    @Test
    void theLeaseAdmitsItsOwnExecutionAtAnyTimeAndAnotherOnlyOnceExpired() {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        RotationLease.Lease lease = new RotationLease.Lease("e1", "sre-a", now.plusSeconds(10));

        assertThat(lease.admits("e1", now)).isTrue();
        assertThat(lease.admits("e2", now)).isFalse();
        assertThat(lease.admits("e2", now.plusSeconds(10))).isTrue();
    }

    @Test
    void theLeaseIsRenewedWhileTheExecutionRunsAndALostOneStopsItWithoutRollingBack() throws Exception {
        regions.unreachableRegions.add(EAST); // the failover then waits for a confirmation, holding the lease
        RotationDesk desk = regions.desk(Duration.ofMillis(200));
        String id = desk.start(request(RotationMode.FAILOVER), "sre-a");
        Events events = Events.of(desk, id);
        events.await(ExecutionEvent.Kind.AWAITING_CONFIRMATION);
        Events.until(() -> regions.leaseCalls.contains("renew sre-a"), "a renewal");
        assertThat(regions.current().orElseThrow().executionId()).isEqualTo(id);

        // Another execution takes the lease (as it would once this one's expired unrenewed).
        synchronized (regions) {
            regions.heldLease = new RotationLease.Lease(
                    "execution-2", "sre-b", regions.leaseNow().plusSeconds(60));
        }
        events.await(ExecutionEvent.Kind.FINISHED);

        RotationExecution execution = desk.execution(id).orElseThrow();
        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.INTERRUPTED);
        assertThat(execution.message())
                .contains("lost the lease")
                .contains("execution-2")
                .contains("sre-b");
        assertThat(regions.failovers).isEmpty();
        assertThat(regions.controls.get("trade-matching-processing-us-east-1"))
                .as("not rolled back: another execution may be moving the apps")
                .isFalse();
    }

    @Test
    void renewalsThatFailUntilTheLeaseExpiredStopTheExecution() throws Exception {
        regions.unreachableRegions.add(EAST);
        RotationDesk desk = regions.desk(Duration.ofMillis(200));
        String id = desk.start(request(RotationMode.FAILOVER), "sre-a");
        Events events = Events.of(desk, id);
        events.await(ExecutionEvent.Kind.AWAITING_CONFIRMATION);

        regions.leaseTableDown = true;
        events.await(ExecutionEvent.Kind.FINISHED);

        RotationExecution execution = desk.execution(id).orElseThrow();
        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.INTERRUPTED);
        assertThat(execution.message()).contains("could not be renewed").contains("the lease table does not answer");
    }

    // The step audit.

    @Test
    void everyStepIsRecordedRunningBeforeItRunsAndDoneAfterInOrder() {
        RotationExecution execution = regions.runbook().execute(plans(RotationMode.ROTATE), "sre-a", progress::add);

        List<String> expected = new ArrayList<>();
        expected.add("RUNNING -");
        for (StepKind step : plans(RotationMode.ROTATE).get(0).steps()) {
            expected.add("RUNNING " + step + ":RUNNING");
            expected.add("RUNNING " + step + ":DONE");
        }
        expected.add("SUCCEEDED POST_CHECKS:DONE");
        assertThat(regions.trailOf(execution.executionId())).containsExactlyElementsOf(expected);
        assertThat(regions.auditTrail.get(2).steps().get(0).took()).isPositive();
    }

    @Test
    void aFailingStepIsRecordedFailedWithItsReasonAndTheRestNotRun() {
        regions.recordsKeepArriving = true;

        RotationExecution execution = regions.runbook().execute(plans(RotationMode.ROTATE), "sre-a", progress::add);

        assertThat(regions.trailOf(execution.executionId()))
                .containsSubsequence("RUNNING DRAIN:RUNNING", "ROLLED_BACK POST_CHECKS:NOT_RUN");
        assertThat(execution.steps().get(2))
                .extracting(StepRecord::step, StepRecord::outcome)
                .containsExactly(StepKind.DRAIN, StepRecord.Outcome.FAILED);
        assertThat(execution.steps().get(2).detail()).contains("did not drain");
    }

    // Interrupted executions.

    @Test
    void anExecutionKilledHalfWayIsInterruptedAtTheStepItWasRunning() {
        String id = killedAt("switchover");
        RotationDesk desk = regions.desk();

        RotationExecution execution = desk.execution(id).orElseThrow();

        assertThat(regions.audited().get(0).outcome()).isEqualTo(RotationExecution.Outcome.RUNNING);
        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.INTERRUPTED);
        assertThat(execution.currentStep()).contains(StepKind.DATABASE_SWITCHOVER);
        assertThat(execution.message())
                .contains("interrupted at DATABASE_SWITCHOVER")
                .contains("resume " + id)
                .contains("abort " + id);
        assertThat(desk.history())
                .extracting(RotationExecution::outcome)
                .containsExactly(RotationExecution.Outcome.INTERRUPTED);
    }

    @Test
    void aRecordedRunningExecutionIsInterruptedWhenItsLeaseExpiredOrIsAnothersAndRunningWhileItsOwnIsLive() {
        String id = killedAt("switchover");
        RotationDesk desk = regions.desk();

        regions.heldLease =
                new RotationLease.Lease(id, "sre-a", regions.leaseNow().plusSeconds(60));
        assertThat(desk.execution(id).orElseThrow().outcome())
                .as("its process may still run it")
                .isEqualTo(RotationExecution.Outcome.RUNNING);
        regions.heldLease =
                new RotationLease.Lease(id, "sre-a", regions.leaseNow().minusSeconds(1));
        assertThat(desk.execution(id).orElseThrow().message()).contains("its lease expired");
        regions.heldLease =
                new RotationLease.Lease("other", "sre-b", regions.leaseNow().plusSeconds(60));
        assertThat(desk.execution(id).orElseThrow().message()).contains("execution other holds the lease");
    }

    @Test
    void historyIsNewestFirst() {
        RotationExecution there = regions.runbook().execute(plans(RotationMode.ROTATE), "sre-a", progress::add);
        RotationExecution back = regions.runbook()
                .execute(
                        new RotationRequest(RotationMode.ROTATE, RegionsFake.APPS, WEST, EAST, null, false).plans(),
                        "sre-b",
                        progress::add);

        assertThat(regions.desk().history())
                .extracting(RotationExecution::executionId)
                .containsExactly(back.executionId(), there.executionId());
    }

    // Resume.

    @Test
    void anExecutionInterruptedBeforeTheDatabaseMovedResumesAtItsStepAndSucceeds() throws Exception {
        String id = killedAt("set:trade-matching-processing-us-east-1=false");
        RotationDesk desk = regions.desk();

        desk.resume(id, "sre-b");
        RotationExecution execution = finished(desk, id);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.SUCCEEDED);
        assertThat(regions.runsIn(WEST)).isTrue();
        assertThat(regions.switchovers).containsExactly("trade-matching->us-west-2", "settlement-matching->us-west-2");
        assertThat(execution.steps()).extracting(StepRecord::outcome).containsOnly(StepRecord.Outcome.DONE);
        assertThat(execution.steps()).hasSize(9);
        assertThat(execution.actions())
                .extracting(OperatorAction::kind, OperatorAction::operator)
                .containsExactly(
                        tuple(OperatorAction.Kind.STARTED, "sre-a"), tuple(OperatorAction.Kind.RESUMED, "sre-b"));
        assertThat(execution.operator()).isEqualTo("sre-a");
    }

    @Test
    void anExecutionInterruptedAfterTheDatabaseMovedResumesWithoutMovingItAgain() throws Exception {
        String id = killedAt("set:trade-matching-processing-us-west-2=true");
        RotationDesk desk = regions.desk();

        desk.resume(id, "sre-b");
        RotationExecution execution = finished(desk, id);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.SUCCEEDED);
        assertThat(regions.runsIn(WEST)).isTrue();
        assertThat(regions.switchovers)
                .as("each database switched over once")
                .containsExactly("trade-matching->us-west-2", "settlement-matching->us-west-2");
    }

    @Test
    void aResumeAtTheDatabaseStepFindsTheWriterMovedAndSkipsIt() throws Exception {
        String id = killedAt("switchover");
        regions.writers.put("trade-matching", WEST); // the switchover finished after the process died
        RotationDesk desk = regions.desk();

        desk.resume(id, "sre-b");
        RotationExecution execution = finished(desk, id);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.SUCCEEDED);
        assertThat(regions.switchovers).containsExactly("settlement-matching->us-west-2");
        assertThat(execution.steps().get(4).detail()).contains("trade-matching already written in us-west-2");
    }

    @Test
    void aResumeAtThePostChecksReconcilesAgainForTheReplaysToWatch() {
        List<StepKind> steps = plans(RotationMode.ROTATE).get(0).steps();
        List<StepRecord> recorded = new ArrayList<>();
        for (StepKind step : steps)
            recorded.add(new StepRecord(
                    step,
                    Instant.now(),
                    Duration.ZERO,
                    step == StepKind.POST_CHECKS ? StepRecord.Outcome.RUNNING : StepRecord.Outcome.DONE,
                    ""));

        assertThat(RotationRunbook.resumeIndex(steps, recorded)).isEqualTo(steps.indexOf(StepKind.RECONCILE));
        assertThat(RotationRunbook.resumeIndex(steps, recorded.subList(0, 3))).isEqualTo(3);
    }

    @Test
    void anExecutionThatEndedIsNotResumed() {
        RotationExecution ended = regions.runbook().execute(plans(RotationMode.ROTATE), "sre-a", progress::add);

        assertThatThrownBy(() -> regions.desk().resume(ended.executionId(), "sre-b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has ended (SUCCEEDED)");
    }

    @Test
    void anExecutionStillRunningInAnotherProcessIsNotResumed() {
        String id = killedAt("set:trade-matching-inbound-us-west-2=true");
        regions.heldLease =
                new RotationLease.Lease(id, "sre-a", regions.leaseNow().plusSeconds(60));
        assertThatThrownBy(() -> regions.desk().resume(id, "sre-b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("running in another process")
                .hasMessageContaining("sre-a");
    }

    // Abort.

    @Test
    void anInterruptedExecutionAbortedBeforeTheDatabaseMovedGivesTheSourceItsControlsBack() {
        String id = killedAt("set:trade-matching-processing-us-east-1=false");
        RotationDesk desk = regions.desk();

        String said = desk.abort(id, "sre-b");

        RotationExecution execution = desk.execution(id).orElseThrow();
        assertThat(said).startsWith("ABORTED");
        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.ABORTED);
        assertThat(regions.runsIn(EAST)).isTrue();
        assertThat(regions.switchovers).isEmpty();
        assertThat(execution.steps())
                .filteredOn(step -> step.step() == StepKind.PROCESSING_OFF_SOURCE)
                .singleElement()
                .extracting(StepRecord::outcome, StepRecord::detail)
                .containsExactly(StepRecord.Outcome.FAILED, "aborted by sre-b (it was RUNNING)");
        assertThat(execution.actions())
                .extracting(OperatorAction::kind)
                .containsExactly(OperatorAction.Kind.STARTED, OperatorAction.Kind.ABORTED);
        assertThat(regions.heldLease).isNull();
    }

    @Test
    void anAbortAfterTheDatabaseMovedIsRefusedAndSaysToResumeOrRotateBack() {
        String id = killedAt("set:trade-matching-processing-us-west-2=true");
        Map<String, Boolean> before = Map.copyOf(regions.controls);
        RotationDesk desk = regions.desk();

        assertThatThrownBy(() -> desk.abort(id, "sre-b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("moved to us-west-2")
                .hasMessageContaining("Resume it")
                .hasMessageContaining("rotate back");
        assertThat(regions.controls).isEqualTo(before);
        assertThat(desk.execution(id).orElseThrow().outcome()).isEqualTo(RotationExecution.Outcome.INTERRUPTED);
    }

    @Test
    void aRunningExecutionAbortedHereStopsAtItsNextLookAndRollsBack() throws Exception {
        regions.recordsKeepArriving = true; // the drain never settles within its timeout
        RotationDesk desk = regions.desk();
        String id = desk.start(
                new RotationRequest(RotationMode.ROTATE, RegionsFake.APPS, EAST, WEST, Duration.ofMinutes(5), false),
                "sre-a");
        Events.until(
                () -> desk.execution(id).orElseThrow().currentStep().equals(java.util.Optional.of(StepKind.DRAIN)),
                "the drain");

        desk.abort(id, "sre-b");
        RotationExecution execution = finished(desk, id);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.ABORTED);
        assertThat(execution.message()).contains("aborted by sre-b at DRAIN");
        assertThat(regions.runsIn(EAST)).isTrue();
    }

    // A switchover that outlives its timeout.

    @Test
    void aSwitchoverThatOutlivesItsTimeoutIsFollowedToItsEnd() {
        regions.switchoverMovingLooks = 3;

        RotationExecution execution = regions.runbook().execute(plans(RotationMode.ROTATE), "sre-a", progress::add);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.SUCCEEDED);
        assertThat(regions.runsIn(WEST)).isTrue();
        assertThat(execution.steps().get(4).detail()).contains("the switchover completed after");
        assertThat(progress).anyMatch(line -> line.contains("switchover is still in progress"));
    }

    @Test
    void aSwitchoverStillMovingAtTheBoundStopsWithoutGivingTheSourceItsControlsBack() {
        regions.switchoverMovingLooks = Integer.MAX_VALUE;

        RotationExecution execution = regions.runbook().execute(plans(RotationMode.ROTATE), "sre-a", progress::add);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.FAILED);
        assertThat(execution.message())
                .contains("the writer is us-east-1, still moving")
                .contains("routing controls stay Off while the database may be moving");
        assertThat(regions.controls.get("trade-matching-processing-us-east-1")).isFalse();
        assertThat(regions.controls.get("trade-matching-inbound-us-east-1")).isFalse();
    }

    @Test
    void aSwitchoverThatEndsWithoutMovingIsRolledBack() {
        regions.switchoverMovingLooks = 2;
        regions.switchoverCompletes = false;

        RotationExecution execution = regions.runbook().execute(plans(RotationMode.ROTATE), "sre-a", progress::add);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.ROLLED_BACK);
        assertThat(execution.message()).contains("the database did not move");
        assertThat(regions.runsIn(EAST)).isTrue();
    }

    // A failover's confirmation.

    @Test
    void aFailoverAwaitingConfirmationIsConfirmedFromAnotherProcessThroughTheAudit() throws Exception {
        regions.unreachableRegions.add(EAST);
        RotationDesk runningIt = regions.desk();
        String id = runningIt.start(request(RotationMode.FAILOVER), "sre-a");
        Events events = Events.of(runningIt, id);
        ExecutionEvent asked = events.await(ExecutionEvent.Kind.AWAITING_CONFIRMATION);
        assertThat(asked.text()).contains("us-east-1 did not confirm").contains("ops-console confirm " + id);

        RotationDesk another = regions.desk();
        assertThatThrownBy(() -> another.start(request(RotationMode.ROTATE), "sre-c"))
                .isInstanceOf(RotationLease.LeaseHeldException.class);
        another.confirm(id, "sre-b");
        events.await(ExecutionEvent.Kind.FINISHED);

        RotationExecution execution = runningIt.execution(id).orElseThrow();
        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.SUCCEEDED);
        assertThat(execution.actions())
                .extracting(OperatorAction::kind, OperatorAction::operator)
                .contains(tuple(OperatorAction.Kind.CONFIRMED, "sre-b"));
        assertThat(regions.failovers).hasSize(2);
    }

    @Test
    void aFailoverAwaitingConfirmationCanBeAbortedAndRollsBack() throws Exception {
        regions.unreachableRegions.add(EAST);
        RotationDesk desk = regions.desk();
        String id = desk.start(request(RotationMode.FAILOVER), "sre-a");
        Events.of(desk, id).await(ExecutionEvent.Kind.AWAITING_CONFIRMATION);

        desk.abort(id, "sre-b");
        RotationExecution execution = finished(desk, id);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.ABORTED);
        assertThat(regions.failovers).isEmpty();
        assertThat(regions.runsIn(EAST)).isTrue();
    }

    @Test
    void aFailoverLeftAwaitingConfirmationIsResumedByTheConfirmation() throws Exception {
        regions.unreachableRegions.add(EAST);
        regions.confirmationWait = Duration.ofMillis(50);
        RotationDesk desk = regions.desk();
        String id = desk.start(request(RotationMode.FAILOVER), "sre-a");
        RotationExecution left = finished(desk, id);
        assertThat(left.outcome()).isEqualTo(RotationExecution.Outcome.AWAITING_CONFIRMATION);
        assertThat(regions.heldLease)
                .as("it stopped waiting and gave the lease up")
                .isNull();
        assertThat(regions.desk().execution(id).orElseThrow().outcome())
                .isEqualTo(RotationExecution.Outcome.INTERRUPTED);

        RotationDesk another = regions.desk();
        another.confirm(id, "sre-b");
        RotationExecution execution = finished(another, id);

        assertThat(execution.outcome()).isEqualTo(RotationExecution.Outcome.SUCCEEDED);
        assertThat(regions.failovers).hasSize(2);
        assertThat(execution.actions())
                .extracting(OperatorAction::kind)
                .containsExactly(
                        OperatorAction.Kind.STARTED, OperatorAction.Kind.RESUMED, OperatorAction.Kind.CONFIRMED);
    }

    @Test
    void aFailoverLeftAwaitingConfirmationAndResumedAwaitsItAgain() throws Exception {
        regions.unreachableRegions.add(EAST);
        regions.confirmationWait = Duration.ofMillis(50);
        RotationDesk desk = regions.desk();
        String id = desk.start(request(RotationMode.FAILOVER), "sre-a");
        finished(desk, id);
        regions.confirmationWait = Duration.ofSeconds(5);

        RotationDesk another = regions.desk();
        another.resume(id, "sre-b");
        Events events = Events.of(another, id);
        events.await(ExecutionEvent.Kind.AWAITING_CONFIRMATION);
        assertThat(regions.failovers).as("not without a confirmation").isEmpty();
        another.confirm(id, "sre-c");
        events.await(ExecutionEvent.Kind.FINISHED);

        assertThat(another.execution(id).orElseThrow().outcome()).isEqualTo(RotationExecution.Outcome.SUCCEEDED);
    }

    @Test
    void aConfirmationIsRefusedWhenNothingAwaitsOne() {
        RotationExecution ended = regions.runbook().execute(plans(RotationMode.ROTATE), "sre-a", progress::add);

        assertThatThrownBy(() -> regions.desk().confirm(ended.executionId(), "sre-b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("awaits no confirmation");
    }

    @Test
    void aRequestNamingAnUnknownAppOrRegionIsRefused() {
        assertThatThrownBy(() -> regions.desk()
                        .start(
                                new RotationRequest(
                                        RotationMode.ROTATE, List.of("x-matching"), EAST, WEST, null, false),
                                "sre-a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app x-matching is unknown");
        assertThatThrownBy(() -> regions.desk()
                        .start(
                                new RotationRequest(
                                        RotationMode.ROTATE, RegionsFake.APPS, EAST, "eu-west-9", null, false),
                                "sre-a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("region eu-west-9 is unknown");
    }
}
