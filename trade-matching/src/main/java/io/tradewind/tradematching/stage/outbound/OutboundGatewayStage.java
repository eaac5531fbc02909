package io.tradewind.tradematching.stage.outbound;

import io.tradewind.platform.gateway.OnceOnlyJmsSender;
import io.tradewind.platform.gateway.OutboundMessage;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.stream.Stage;
import io.tradewind.platform.stream.UndecodableRecord;
import io.tradewind.tradematching.flow.OutboundEnvelope;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Outbound gateway: sends each batch's messages, grouped by broker, each message id once. */
public final class OutboundGatewayStage implements Stage<OutboundEnvelope> {
    public static final String RECIPIENT_PROPERTY = "recipient";
    private static final Logger log = LoggerFactory.getLogger(OutboundGatewayStage.class);

    private final Map<OutboundEnvelope.Broker, OnceOnlyJmsSender> senders;

    private final StageMetrics metrics;

    public OutboundGatewayStage(Map<OutboundEnvelope.Broker, OnceOnlyJmsSender> senders, StageMetrics metrics) {
        this.senders = new EnumMap<>(senders);
        this.metrics = metrics;
    }

    @Override
    public void process(List<OutboundEnvelope> batch) {
        Map<OutboundEnvelope.Broker, List<OutboundMessage>> byBroker = new EnumMap<>(OutboundEnvelope.Broker.class);
        for (OutboundEnvelope envelope : batch) {
            byBroker.computeIfAbsent(envelope.broker(), broker -> new ArrayList<>())
                    .add(new OutboundMessage(
                            envelope.queue(),
                            envelope.messageId(),
                            envelope.body(),
                            Map.of(RECIPIENT_PROPERTY, envelope.recipient())));
        }
        byBroker.forEach((broker, messages) -> {
            OnceOnlyJmsSender sender = senders.get(broker);
            if (sender == null) throw new IllegalStateException("no sender configured for broker " + broker);
            metrics.published(sender.sendAll(messages));
        });
    }

    /** Only ingestion and egress write this stream: an undecodable envelope is a bug, logged with its payload. */
    @Override
    public void onUndecodable(List<UndecodableRecord> records) {
        for (UndecodableRecord record : records)
            log.error(
                    "undecodable outbound envelope: {}; payload {}",
                    record.reason(),
                    record.record().dataAsUtf8());
    }
}
