package io.tradewind.platform.gateway;

import java.time.Instant;

/**
 * A raw inbound message as the journal keeps it: the key it is unique by (sender and message id), the body exactly as
 * received, and the broker's id for this delivery (which tells our own retry from a sender's duplicate).
 */
public record JournalEntry(
        String journalKey, String body, String partitionKey, String brokerMessageId, Instant receivedAt) {}
