package io.tradewind.opsconsole.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The reconciliation runs recorded in each app's reconciliation audit (a global table). */
public interface ReconciliationHistory {
    /** The app's newest runs, newest first, at most {@code limit}, as {@code region}'s copy holds them. */
    List<Run> recent(String app, String region, int limit);

    /** One run: its window, what it found there and what it replayed. */
    record Run(
            String runId,
            String app,
            String region,
            Instant windowStart,
            Instant windowEnd,
            int journaled,
            int rejected,
            int applied,
            int delivered,
            int replayed,
            Duration took) {}
}
