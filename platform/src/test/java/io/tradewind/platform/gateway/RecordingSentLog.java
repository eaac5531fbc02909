package io.tradewind.platform.gateway;

import io.tradewind.platform.idempotency.SentLog;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A sent-log in memory whose recording can be made to fail, as when its store is down. */
final class RecordingSentLog implements SentLog {
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    /** Reads work, writes fail: the store's guard gave up on recording. */
    volatile boolean recordingDown;

    @Override
    public Set<String> alreadySent(Collection<String> messageIds) {
        Set<String> found = new HashSet<>(messageIds);
        found.retainAll(sent);
        return found;
    }

    @Override
    public void recordSent(Collection<String> messageIds) {
        if (recordingDown) throw new DependencyUnavailableException("postgres", "sent-log: lock timeout", null);
        sent.addAll(messageIds);
    }

    Set<String> ids() {
        return Set.copyOf(sent);
    }
}
