package io.tradewind.opsconsole.runbook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one execution of the runbook did, as the audit table keeps it: who ran it and when, every step with its duration
 * and outcome, and the measured recovery times. The runbook records it before and after every step, so while it runs
 * {@code finishedAt} is when it was last recorded.
 *
 * @param rtoToProcessing from the start until the target region processed new trades (empty when none arrived)
 * @param rtoToResolved from the start until every input left behind had been replayed and reached its terminal state
 * @param databaseLoss per app, what a failover of its database lost (empty for a planned rotation)
 * @param message what went wrong and the state it was left in, or how it ended
 * @param actions who started, resumed, confirmed or aborted it, in order (empty in records older than the list)
 */
public record RotationExecution(
        String executionId,
        String operator,
        RotationMode mode,
        List<String> apps,
        String source,
        String target,
        Instant startedAt,
        Instant finishedAt,
        Outcome outcome,
        List<StepRecord> steps,
        Optional<Duration> rtoToProcessing,
        Optional<Duration> rtoToResolved,
        Map<String, GlobalDatabases.FailoverLoss> databaseLoss,
        Map<String, Integer> replayed,
        String message,
        List<OperatorAction> actions) {

    public enum Outcome {
        /** Its steps are running; the audit holds the steps so far. */
        RUNNING,
        /** It waits for an operator's explicit confirmation before its next step (see the last step's detail). */
        AWAITING_CONFIRMATION,
        /**
         * Recorded as running, but no one runs it: its process stopped half-way (the lease expired). Resume or abort
         * it from the step where it stopped.
         */
        INTERRUPTED,
        /** An operator aborted it; the message says what was rolled back. */
        ABORTED,
        SUCCEEDED,
        /** A step failed before the database moved; the source region was given its routing controls back. */
        ROLLED_BACK,
        /** A step failed after the database moved; the message says what is On where. */
        FAILED
    }

    public RotationExecution {
        apps = List.copyOf(apps);
        steps = List.copyOf(steps);
        databaseLoss = Map.copyOf(databaseLoss);
        replayed = Map.copyOf(replayed);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** Whether it still runs, or waits, as far as its record says (an interrupted one says so only when derived). */
    public boolean inProgress() {
        return outcome == Outcome.RUNNING || outcome == Outcome.AWAITING_CONFIRMATION;
    }

    /** Whether it ended for good: nothing resumes it. */
    public boolean ended() {
        return !inProgress() && outcome != Outcome.INTERRUPTED;
    }

    /** The step it is running or stopped at: the first that is not DONE, if any. */
    public Optional<StepKind> currentStep() {
        return steps.stream()
                .filter(step ->
                        step.outcome() == StepRecord.Outcome.RUNNING || step.outcome() == StepRecord.Outcome.FAILED)
                .map(StepRecord::step)
                .findFirst();
    }

    /** The same execution with another outcome and message, as the audit's readers derive it. */
    public RotationExecution withOutcome(Outcome newOutcome, String newMessage) {
        return new RotationExecution(
                executionId,
                operator,
                mode,
                apps,
                source,
                target,
                startedAt,
                finishedAt,
                newOutcome,
                steps,
                rtoToProcessing,
                rtoToResolved,
                databaseLoss,
                replayed,
                newMessage,
                actions);
    }

    /** From its start until it ended, or, while it runs, until it was last recorded. */
    public Duration took() {
        return Duration.between(startedAt, finishedAt);
    }

    public boolean succeeded() {
        return outcome == Outcome.SUCCEEDED;
    }
}
