package io.tradewind.platform.idempotency;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;

/**
 * The region's own sent-log, with every send also recorded in the send ledger first: the ledger's entry is in every
 * region before the send is recorded here, so the sends a failover takes from this log are still known.
 */
public final class LedgeredSentLog implements SentLog {
    private final SentLog local;
    private final SendLedger ledger;
    private final Clock clock;

    public LedgeredSentLog(SentLog local, SendLedger ledger, Clock clock) {
        this.local = local;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public Set<String> alreadySent(Collection<String> messageIds) {
        return local.alreadySent(messageIds);
    }

    @Override
    public void recordSent(Collection<String> messageIds) {
        if (messageIds.isEmpty()) return;
        ledger.record(messageIds, clock.instant());
        local.recordSent(messageIds);
    }
}
