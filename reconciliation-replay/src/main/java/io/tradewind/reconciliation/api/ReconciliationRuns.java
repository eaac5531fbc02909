package io.tradewind.reconciliation.api;

import java.util.List;

/** The reconciliation runs an app's audit table holds, as the ops console lists them. */
public interface ReconciliationRuns {
    /** The app's most recent runs, newest first, at most {@code limit}; empty before the first run. */
    List<ReconciliationRun> recent(String app, int limit);
}
