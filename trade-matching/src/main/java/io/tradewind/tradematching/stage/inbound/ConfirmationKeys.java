package io.tradewind.tradematching.stage.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.topology.App;
import io.tradewind.model.wire.Envelope;
import io.tradewind.model.wire.WireJson;
import io.tradewind.platform.gateway.InboundKeys;
import java.io.IOException;
import java.util.Optional;

/**
 * How the gateway keys a settlement confirmation: journaled as sent by settlement-matching under its messageId,
 * partitioned by its match id so the confirmations of one pair are applied in order. Read leniently, before validation.
 */
public final class ConfirmationKeys implements InboundKeys {
    /** The sender a confirmation is journaled under: the app that sends every confirmation. */
    public static final String SENDER = App.SETTLEMENT_MATCHING.id();

    @Override
    public Optional<Envelope> envelopeOf(String body) {
        return text(body, "messageId").map(messageId -> new Envelope(SENDER, messageId));
    }

    @Override
    public String partitionKeyOf(String body) {
        return text(body, "matchId").orElse(null);
    }

    private static Optional<String> text(String body, String field) {
        try {
            JsonNode value = WireJson.mapper().readTree(body).get(field);
            return value != null && value.isTextual() && !value.asText().isBlank()
                    ? Optional.of(value.asText())
                    : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty(); // journaled under the broker's id and rejected by ingestion
        }
    }
}
