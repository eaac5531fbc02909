package io.tradewind.opsconsole.runbook;

import java.time.Instant;
import java.util.List;

/** The runbook's view of reconciliation-replay, in the active region of an app. */
public interface Reconciliation {
    /**
     * Replays, once, every input journaled up to {@code until} that has not reached its terminal state, and records the
     * run in the app's reconciliation audit.
     */
    Result reconcile(String app, String region, Instant until);

    /** The journal keys up to {@code until} not terminal yet; replays nothing. */
    List<String> outstanding(String app, String region, Instant until);

    record Result(String runId, int journaled, int replayed) {}
}
