package io.tradewind.tradematching.stage.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.wire.WireJson;
import io.tradewind.tradematching.domain.TradeSide;
import java.io.IOException;

/**
 * The stream partition key of a raw trade body: its trade id ({@code senderId|tradeRef}), which a NEW and its CANCEL
 * share, so the messages about one trade reach ingestion on one shard in the order the gateway forwarded them. Read
 * leniently, before validation: a body without both fields (garbage) returns null and goes by its journal key.
 * Ingestion re-partitions what it sends matching by the validated pairing key, which puts both sides of a trade on one
 * shard there.
 */
public final class TradePartitioning {
    private TradePartitioning() {}

    public static String partitionKeyOf(String body) {
        try {
            JsonNode trade = WireJson.mapper().readTree(body);
            if (trade == null || !trade.isObject()) return null;
            String senderId = text(trade.get("senderId"));
            String tradeRef = text(trade.get("tradeRef"));
            return senderId == null || tradeRef == null ? null : TradeSide.tradeIdOf(senderId, tradeRef);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode value) {
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
