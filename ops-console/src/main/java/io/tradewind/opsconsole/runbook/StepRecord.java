package io.tradewind.opsconsole.runbook;

import java.time.Duration;
import java.time.Instant;

/** One step of an execution as it happened: when, how long, how it ended and what it found or did. */
public record StepRecord(StepKind step, Instant startedAt, Duration took, Outcome outcome, String detail) {
    public enum Outcome {
        /** Started and not yet ended (or, in an interrupted execution, where it stopped). */
        RUNNING,
        DONE,
        FAILED,
        /** Not run: an earlier step failed. */
        NOT_RUN
    }
}
