package io.tradewind.tradematching.stage.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.wire.WireJson;
import java.io.IOException;

/**
 * The stream partition key of a raw trade body: its pairing fields joined, so both sides of a trade reach the same
 * shard. Read leniently, before validation: a body without them (a CANCEL, garbage) returns null and goes by its
 * journal key; ingestion re-partitions what it books by the validated pairing key.
 */
public final class TradePartitioning {
    private static final String[] PAIRING_FIELDS = {
        "executingBroker", "investmentManager", "side", "security", "tradeDate", "quantity"
    };

    private TradePartitioning() {}

    public static String partitionKeyOf(String body) {
        try {
            JsonNode trade = WireJson.mapper().readTree(body);
            if (trade == null || !trade.isObject()) return null;
            StringBuilder key = new StringBuilder();
            for (String field : PAIRING_FIELDS) {
                JsonNode value = trade.get(field);
                if (value == null || !value.isValueNode()) return null;
                if (key.length() > 0) key.append('|');
                key.append(value.asText());
            }
            return key.toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
