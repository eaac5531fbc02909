package io.tradewind.settlementmatching.stage.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.wire.Envelope;
import io.tradewind.model.wire.WireJson;
import io.tradewind.model.wire.WireLimits;
import io.tradewind.platform.gateway.InboundKeys;
import io.tradewind.settlementmatching.domain.SettlementPairingKey;
import java.io.IOException;
import java.util.Optional;

/**
 * How the gateway keys a raw instruction: journaled under its party and messageId (instructions name no senderId; the
 * party is who instructs), partitioned by its pairing key so both sides of a settlement reach one shard. Read
 * leniently, before validation: a body it cannot read is journaled under the broker's id and rejected by ingestion.
 */
public final class InstructionKeys implements InboundKeys {

    @Override
    public Optional<Envelope> envelopeOf(String body) {
        JsonNode instruction = read(body);
        String party = text(instruction, "party");
        String messageId = text(instruction, "messageId");
        return party == null || messageId == null ? Optional.empty() : Optional.of(new Envelope(party, messageId));
    }

    /** The party, who instructs and is answered, when it is an id the contract allows. */
    @Override
    public Optional<String> senderOf(String body) {
        return Optional.ofNullable(text(read(body), "party"))
                .filter(party -> WireLimits.isValidId(party, WireLimits.MAX_PARTICIPANT_ID_LENGTH));
    }

    @Override
    public String partitionKeyOf(String body) {
        JsonNode instruction = read(body);
        String security = text(instruction, "security");
        String party = text(instruction, "party");
        String counterparty = text(instruction, "counterparty");
        if (security == null || party == null || counterparty == null || party.equals(counterparty)) return null;
        return new SettlementPairingKey(security, party, counterparty).partitionKey();
    }

    private static JsonNode read(String body) {
        try {
            JsonNode node = WireJson.mapper().readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static String text(JsonNode object, String field) {
        if (object == null) return null;
        JsonNode value = object.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
