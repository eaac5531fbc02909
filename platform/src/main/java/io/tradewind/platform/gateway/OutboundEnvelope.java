package io.tradewind.platform.gateway;

import io.tradewind.model.topology.App;

/**
 * A finished message for MQ: which app's broker and which queue, its deterministic id, and the body. Published by the
 * stages that answer (ingestion's rejections, egress), consumed by the outbound gateway, which sends each id once. The
 * queue is the whole address: a status report goes to its recipient's private queue (wire contract v2), and no JMS
 * property names anyone.
 *
 * @param broker the app whose broker the queue lives on, e.g. {@code trade-matching}
 */
public record OutboundEnvelope(String broker, String queue, String messageId, String body) {

    public OutboundEnvelope {
        if (broker == null || broker.isBlank()) throw new IllegalArgumentException("broker is blank");
        if (messageId == null || messageId.isBlank()) throw new IllegalArgumentException("messageId is blank");
        if (queue == null || queue.isBlank()) throw new IllegalArgumentException("queue is blank");
    }

    /**
     * {@code app}'s status report {@code messageId} to {@code recipient}, on {@code app}'s broker in the recipient's
     * private status queue.
     *
     * @param recipient the participant the report is for; a wire-contract id, or the queue is refused
     */
    public static OutboundEnvelope statusReport(App app, String recipient, String messageId, String body) {
        return new OutboundEnvelope(app.id(), app.statusQueueOf(recipient), messageId, body);
    }
}
