package io.tradewind.platform.gateway;

import java.util.Map;

/**
 * A message for an MQ queue with a stable id: the same logical message (a status report, an instruction) always gets
 * the same {@code messageId}, which is what makes "send it once" checkable.
 *
 * @param properties string JMS properties, e.g. {@code recipient}
 */
public record OutboundMessage(String queue, String messageId, String body, Map<String, String> properties) {
    public OutboundMessage {
        if (messageId == null || messageId.isBlank()) throw new IllegalArgumentException("messageId is blank");
        if (queue == null || queue.isBlank()) throw new IllegalArgumentException("queue is blank");
        properties = Map.copyOf(properties);
    }
}
