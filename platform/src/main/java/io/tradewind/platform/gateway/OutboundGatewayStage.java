package io.tradewind.platform.gateway;

import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.stream.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Outbound gateway: sends each batch's messages, grouped by broker, each message id once. */
public final class OutboundGatewayStage implements Stage<OutboundEnvelope> {
    private final Map<String, OnceOnlyJmsSender> senders;
    private final StageMetrics metrics;

    /** @param senders one sender per broker an envelope may name */
    public OutboundGatewayStage(Map<String, OnceOnlyJmsSender> senders, StageMetrics metrics) {
        this.senders = Map.copyOf(senders);
        this.metrics = metrics;
    }

    @Override
    public String idOf(OutboundEnvelope envelope) {
        return envelope.messageId();
    }

    @Override
    public void process(List<OutboundEnvelope> batch) {
        Map<String, List<OutboundMessage>> byBroker = new LinkedHashMap<>();
        for (OutboundEnvelope envelope : batch)
            byBroker.computeIfAbsent(envelope.broker(), broker -> new ArrayList<>())
                    .add(new OutboundMessage(envelope.queue(), envelope.messageId(), envelope.body()));
        byBroker.forEach((broker, messages) -> {
            OnceOnlyJmsSender sender = senders.get(broker);
            // A broker nobody configured is a deployment error: stop here (no checkpoint) rather than drop messages.
            if (sender == null) throw new IllegalStateException("no sender configured for broker " + broker);
            metrics.published(sender.sendAll(messages));
        });
    }

    /** Only this app's stages write this stream: an undecodable envelope is a bug, logged with its payload. */
}
