package io.tradewind.opsconsole.runbook;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a rotation's reconciliation can start without missing anything, from the audit of earlier executions: a
 * reconciliation that reads the whole 24 h journal on every rotation grows slower with every trade of the day, and it
 * is the step that decides the RTO.
 *
 * <p>A planned rotation that SUCCEEDED reconciled everything journaled before its target took over and saw its
 * replays terminal; a switchover loses nothing, so that stays true in whichever region runs the app next. Everything
 * journaled since (including a lost region's unreplicated tail, which it journaled after that takeover) is what a
 * later rotation must check, with an overlap for clock skew between regions. A failover keeps that true only when the
 * database changes it lost were all made after that rotation ended; a failover that lost earlier changes, or an
 * execution that FAILED part-way (or has not ended), leaves no safe start, and the whole window is read.
 */
public final class ReconciliationStart {
    private ReconciliationStart() {}

    /**
     * @param app the app being rotated
     * @param history the executions recorded so far, any order
     * @param overlap how far before the earlier rotation's takeover to start
     * @return where to start, or empty for "the whole window"
     */
    public static Optional<Instant> of(String app, List<RotationExecution> history, Duration overlap) {
        List<RotationExecution> ofApp = history.stream()
                .filter(execution -> execution.apps().contains(app))
                .sorted(Comparator.comparing(RotationExecution::startedAt))
                .toList();
        int last = -1;
        for (int i = 0; i < ofApp.size(); i++)
            if (ofApp.get(i).mode() == RotationMode.ROTATE && ofApp.get(i).succeeded()) last = i;
        if (last < 0) return Optional.empty();
        RotationExecution rotation = ofApp.get(last);
        for (RotationExecution later : ofApp.subList(last + 1, ofApp.size())) {
            // Rolled back or aborted (aborts roll back before the database moves): nothing moved.
            if (later.outcome() == RotationExecution.Outcome.ROLLED_BACK
                    || later.outcome() == RotationExecution.Outcome.ABORTED) continue;
            // Failed, or still running, waiting or interrupted somewhere: what it moved is not known to be whole.
            if (!later.succeeded()) return Optional.empty();
            if (later.mode() == RotationMode.FAILOVER) {
                long lostMillis = later.databaseLoss().containsKey(app)
                        ? later.databaseLoss().get(app).lostMillis()
                        : 0;
                Instant lossStart = later.startedAt().minusMillis(lostMillis);
                if (!lossStart.isAfter(rotation.finishedAt())) return Optional.empty();
            }
        }
        return takeover(rotation).map(at -> at.minus(overlap));
    }

    /** When the rotation's target began to accept inputs (its reconciliation's end). */
    private static Optional<Instant> takeover(RotationExecution rotation) {
        return rotation.steps().stream()
                .filter(step -> step.step() == StepKind.INBOUND_ON_TARGET && step.startedAt() != null)
                .map(StepRecord::startedAt)
                .findFirst();
    }
}
