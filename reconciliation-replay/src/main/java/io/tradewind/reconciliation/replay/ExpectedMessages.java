package io.tradewind.reconciliation.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.wire.WireJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which outbound messages an input's terminal state implies, read from what each app recorded: the REJECTED report of
 * a rejected input, and for an applied input the report of every event matching stored for it, with the settlement
 * instructions of a MATCHED pair (trade matching) or the confirmation of a settled pair (settlement matching). The ids
 * are the deterministic ones the apps send under, so the sent-log says whether each went out.
 */
final class ExpectedMessages {
    private ExpectedMessages() {}

    /** The REJECTED report's id, or none for an input nobody is answered for (a settlement confirmation). */
    static List<String> ofRejection(String app, String journalKey, String source) {
        if ("settlements.confirmations".equals(source)) return List.of();
        return List.of((app.equals("settlement-matching") ? "SR-" : "TR-") + journalKey);
    }

    /** The messages one stored matching event is sent as. */
    static List<String> ofEvent(String payload) {
        JsonNode event;
        try {
            event = WireJson.mapper().readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("a stored matching event is not JSON: " + payload, e);
        }
        List<String> ids = new ArrayList<>();
        ids.add(event.get("reportMessageId").asText());
        JsonNode settlement = event.get("settlement");
        if (settlement != null && !settlement.isNull()) {
            String matchId = event.get("matchId").asText();
            for (JsonNode allocation : settlement.get("allocations")) {
                String prefix =
                        "SI-" + matchId + "-" + allocation.get("allocationId").asText();
                ids.add(prefix + "-DELIVER");
                ids.add(prefix + "-RECEIVE");
            }
        }
        JsonNode confirmation = event.get("confirmation");
        if (confirmation != null && !confirmation.isNull())
            ids.add(confirmation.get("messageId").asText());
        return ids;
    }
}
