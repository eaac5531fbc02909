package io.tradewind.opsconsole.runbook;

import java.time.Instant;

/**
 * Something that happened in a running execution, as it happened: published by the runbook to whoever follows the
 * execution (the console's event stream, the command line's output).
 *
 * @param step the step it concerns; null for events of the execution as a whole
 * @param text the line an operator reads
 */
public record ExecutionEvent(String executionId, Kind kind, StepKind step, Instant at, String text) {
    public enum Kind {
        /** The execution took the lease and begins (or resumes). */
        STARTED,
        STEP_STARTED,
        STEP_DONE,
        STEP_FAILED,
        /** Progress inside a step (a drain's look, a rollback's action). */
        PROGRESS,
        /** The execution waits for an operator's explicit confirmation (a failover whose source did not confirm). */
        AWAITING_CONFIRMATION,
        /** The execution ended; {@code text} is its message. The last event of an execution. */
        FINISHED
    }
}
