package io.tradewind.model.settlement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradewind.model.wire.WireJson;

/**
 * Settlement instruction bodies for tests: the broker's DELIVER of allocation 1 of the wire contract's example trade,
 * changed one field at a time, e.g. {@code Instructions.aDelivery().withAmount("1000.00").json()}. The builder writes
 * JSON directly so a test can also send what the contract forbids: wrong types, unknown fields, missing fields.
 */
final class Instructions {
    private final ObjectNode node;

    private Instructions(ObjectNode node) {
        this.node = node;
    }

    /** BRK001 delivers 600 US0378331005 to IM042 against 112350.00 USD, allocation 1 of match M-8da1b3c8ac6021d3. */
    static Instructions aDelivery() {
        return new Instructions(
                parse(
                        """
                {"messageId":"TW-I-1","instructionId":"M-8da1b3c8ac6021d3-1-DELIVER","matchId":"M-8da1b3c8ac6021d3",
                 "allocationId":"1","direction":"DELIVER","party":"BRK001","counterparty":"IM042",
                 "security":"US0378331005","quantity":600,"settlementAmount":"112350.00","currency":"USD",
                 "tradeDate":"2026-11-20","intendedSettlementDate":"2026-11-23"}
                """));
    }

    Instructions withAmount(String amount) {
        return with("settlementAmount", amount);
    }

    Instructions withQuantity(long quantity) {
        node.put("quantity", quantity);
        return this;
    }

    /** Sets a field to a string value. */
    Instructions with(String field, String value) {
        node.put(field, value);
        return this;
    }

    /** Sets a field to any JSON value, given as JSON text: {@code withRaw("quantity", "\"600\"")}. */
    Instructions withRaw(String field, String json) {
        node.set(field, parseAny(json));
        return this;
    }

    Instructions without(String field) {
        node.remove(field);
        return this;
    }

    String json() {
        return node.toString();
    }

    private static ObjectNode parse(String json) {
        return (ObjectNode) parseAny(json);
    }

    private static JsonNode parseAny(String json) {
        try {
            return WireJson.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fixture JSON is malformed: " + json, e);
        }
    }
}
