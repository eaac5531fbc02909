package io.tradewind.reconciliation.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one reconciliation run of an app found in a region and did: how many journaled inputs of the window each stage
 * had finished, and which it replayed. Written to the app's audit table; a second run right after a complete one
 * replays nothing.
 *
 * @param journaled inputs the inbound journal holds for the window
 * @param rejected of those, the ones ingestion answered REJECTED
 * @param applied of those, the ones matching applied
 * @param delivered of those, the ones whose every outbound message is in the sent-log (their terminal state)
 * @param replayedKeys the journal keys put back on the ingestion stream, in journal order
 */
public record ReconciliationRun(
        String runId,
        String app,
        String region,
        Instant windowStart,
        Instant windowEnd,
        int journaled,
        int rejected,
        int applied,
        int delivered,
        List<String> replayedKeys,
        Duration took) {

    public ReconciliationRun {
        replayedKeys = List.copyOf(replayedKeys);
    }

    public int replayed() {
        return replayedKeys.size();
    }
}
