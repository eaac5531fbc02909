package io.tradewind.tradematching.flow;

/**
 * A finished message for MQ: which broker and queue, its deterministic id, the JMS {@code recipient} property, and
 * the body. Published by ingestion (rejections) and egress, consumed by the outbound gateway, which sends each id once.
 */
public record OutboundEnvelope(Broker broker, String queue, String messageId, String recipient, String body) {

    /** Our own broker (status reports to counterparties) or the settlement app's (instructions). */
    public enum Broker {
        TRADE_MATCHING,
        SETTLEMENT_MATCHING
    }

    public OutboundEnvelope {
        if (messageId == null || messageId.isBlank()) throw new IllegalArgumentException("messageId is blank");
        if (queue == null || queue.isBlank()) throw new IllegalArgumentException("queue is blank");
    }
}
