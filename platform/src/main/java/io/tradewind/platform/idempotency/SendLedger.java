package io.tradewind.platform.idempotency;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * What the outbound gateways sent, batch by batch, kept where every region has it the moment a send is recorded: the
 * copy of the sent-log that survives a region lost before its database replicated. {@link SentLogRecovery} reads it
 * back into a region's own sent-log before that region's stages start.
 */
public interface SendLedger {

    /** Records that these ids were sent at {@code sentAt}; returns once every region holds the entry. */
    void record(Collection<String> messageIds, Instant sentAt);

    /** The ids recorded as sent from {@code since} (inclusive) to {@code until} (exclusive). */
    Set<String> sentBetween(Instant since, Instant until);
}
