package io.tradewind.platform.gateway;

/**
 * A finished message for MQ: which app's broker and which queue, its deterministic id, the JMS {@code recipient}
 * property, and the body. Published by the stages that answer (ingestion's rejections, egress), consumed by the
 * outbound gateway, which sends each id once.
 *
 * @param broker the app whose broker the queue lives on, e.g. {@code trade-matching}
 */
public record OutboundEnvelope(String broker, String queue, String messageId, String recipient, String body) {

    public OutboundEnvelope {
        if (broker == null || broker.isBlank()) throw new IllegalArgumentException("broker is blank");
        if (messageId == null || messageId.isBlank()) throw new IllegalArgumentException("messageId is blank");
        if (queue == null || queue.isBlank()) throw new IllegalArgumentException("queue is blank");
    }
}
