package io.tradewind.reconciliation.api;

import java.util.Collection;
import java.util.List;

/**
 * Reconciliation of the apps in one region: finds every input an app journaled in a window that did not reach its
 * terminal state there, and replays it into the app's ingestion stream, once and paced.
 */
public interface Reconciler {
    /** Finds what did not reach its terminal state, replays it, and records the run in the app's audit table. */
    ReconciliationRun run(ReconciliationSettings settings);

    /** The journal keys of the window not terminal yet, replaying nothing and recording nothing. */
    List<String> outstanding(ReconciliationSettings settings);

    /**
     * Which of these journal keys (a run's replays) have not reached their terminal state yet: how the runbook watches
     * replayed inputs resolve without reading the whole window again. A key the journal does not hold is outstanding.
     */
    List<String> outstanding(String app, Collection<String> journalKeys);
}
