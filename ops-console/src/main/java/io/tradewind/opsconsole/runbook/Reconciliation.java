package io.tradewind.opsconsole.runbook;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The runbook's view of reconciliation-replay, in the active region of an app. */
public interface Reconciliation {
    /**
     * Replays, once, every input journaled from {@code since} (empty: the whole configured window) up to {@code until}
     * that has not reached its terminal state, and records the run in the app's reconciliation audit.
     */
    Result reconcile(String app, String region, Optional<Instant> since, Instant until);

    /** Which of these journal keys (a run's replays) are not terminal yet; replays nothing. */
    List<String> outstanding(String app, String region, Collection<String> journalKeys);

    /**
     * @param windowStart where the run's window started
     * @param replayedKeys the journal keys it replayed
     */
    record Result(String runId, Instant windowStart, int journaled, List<String> replayedKeys) {
        public Result {
            replayedKeys = List.copyOf(replayedKeys);
        }

        public int replayed() {
            return replayedKeys.size();
        }
    }
}
