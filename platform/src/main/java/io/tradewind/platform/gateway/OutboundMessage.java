package io.tradewind.platform.gateway;

/**
 * A message for an MQ queue with a stable id: the same logical message (a status report, an instruction) always gets
 * the same {@code messageId}, which is what makes "send it once" checkable.
 */
public record OutboundMessage(String queue, String messageId, String body) {
    public OutboundMessage {
        if (messageId == null || messageId.isBlank()) throw new IllegalArgumentException("messageId is blank");
        if (queue == null || queue.isBlank()) throw new IllegalArgumentException("queue is blank");
    }
}
