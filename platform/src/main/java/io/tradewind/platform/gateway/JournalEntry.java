package io.tradewind.platform.gateway;

import java.time.Instant;

/**
 * A raw inbound message as the journal keeps it: the key it is unique by (sender and message id), the body exactly as
 * received, and the broker's id for this delivery (which tells our own retry from a sender's duplicate). With the
 * queue it came from and its size as received, reconciliation can rebuild the very record the gateway forwarded.
 */
public record JournalEntry(
        String journalKey,
        String body,
        String partitionKey,
        String brokerMessageId,
        Instant receivedAt,
        String source,
        int originalBytes) {

    /** The record the gateway puts on the ingestion stream for this entry. */
    public InboundRecord toInboundRecord() {
        return new InboundRecord(journalKey, brokerMessageId, receivedAt, body, originalBytes, source);
    }
}
