package io.tradewind.opsconsole.runbook;

import java.time.Duration;

/** Each app's global database (Aurora): one writer region, a replica in the other. */
public interface GlobalDatabases {
    String writer(String app);

    long lagMillis(String app);

    /** Planned: waits until nothing is in flight, then makes {@code target} the writer; fails, changing nothing, if not. */
    void switchover(String app, String target, Duration timeout);

    /**
     * Where the app's database stands now: its writer and whether a switchover or failover is still moving it (one that
     * outlived the runbook's timeout may still be running). The default knows only the writer.
     */
    default WriterState writerState(String app) {
        return new WriterState(writer(app), false);
    }

    /** Unplanned: makes {@code target} the writer now and reports what had not replicated, which is lost. */
    FailoverLoss failover(String app, String target);

    /**
     * What a failover lost: changes the old writer had made that never reached the new one, and their age; either is
     * {@link #UNCOUNTED} where the database does not tell (Aurora reports the lag, not the changes).
     */
    record FailoverLoss(long lostChanges, long lostMillis) {
        public static final long UNCOUNTED = -1;
    }

    /** The writer region as the database reports it, and whether it is still moving to another. */
    record WriterState(String writer, boolean moving) {}
}
