package io.tradewind.model.trade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradewind.model.wire.WireJson;

/**
 * Trade bodies for tests, starting from the example of the wire contract and changed one field at a time, e.g.
 * {@code Trades.aBrokerTrade().withQuantity(1000).json()}. The builder writes JSON directly so a test can also send
 * what the contract forbids: wrong types, unknown fields, missing fields.
 */
final class Trades {
    private final ObjectNode node;

    private Trades(ObjectNode node) {
        this.node = node;
    }

    /** The broker's side of the contract's example: BRK001 sells 1000 US0378331005 at 187.2500 to IM042's BUY. */
    static Trades aBrokerTrade() {
        return new Trades(
                parse(
                        """
                {"messageId":"BRK001-0000001","messageType":"NEW","senderId":"BRK001","senderRole":"BROKER",
                 "tradeRef":"BRK001-T42","executingBroker":"BRK001","investmentManager":"IM042","side":"BUY",
                 "security":"US0378331005","quantity":1000,"price":"187.2500","currency":"USD",
                 "tradeDate":"2026-11-20","settlementDate":"2026-11-23","netAmount":"187250.00",
                 "allocations":[{"allocationId":"1","account":"ACC-1","quantity":600},
                                {"allocationId":"2","account":"ACC-2","quantity":400}]}
                """));
    }

    /** The investment manager's side of the same trade. */
    static Trades anInvestmentManagerTrade() {
        return aBrokerTrade()
                .with("messageId", "IM042-0000001")
                .with("senderId", "IM042")
                .with("senderRole", "INVESTMENT_MANAGER")
                .with("tradeRef", "IM042-T7");
    }

    /** A CANCEL by the broker of its trade BRK001-T42. */
    static Trades aBrokerCancel() {
        return new Trades(
                parse(
                        """
                {"messageId":"BRK001-0000002","messageType":"CANCEL","senderId":"BRK001","senderRole":"BROKER",
                 "tradeRef":"BRK001-T42"}
                """));
    }

    Trades withQuantity(long quantity) {
        node.put("quantity", quantity);
        return this;
    }

    Trades withPrice(String price) {
        return with("price", price);
    }

    Trades withNetAmount(String netAmount) {
        return with("netAmount", netAmount);
    }

    Trades withSecurity(String isin) {
        return with("security", isin);
    }

    Trades withCurrency(String currency) {
        return with("currency", currency);
    }

    Trades withTradeDate(String date) {
        return with("tradeDate", date);
    }

    Trades withSettlementDate(String date) {
        return with("settlementDate", date);
    }

    /** Replaces the allocations; each one is given as allocationId, account and quantity. */
    Trades withAllocations(Object... idAccountQuantity) {
        ArrayNode allocations = node.putArray("allocations");
        for (int i = 0; i < idAccountQuantity.length; i += 3) {
            allocations
                    .addObject()
                    .put("allocationId", (String) idAccountQuantity[i])
                    .put("account", (String) idAccountQuantity[i + 1])
                    .put("quantity", ((Number) idAccountQuantity[i + 2]).longValue());
        }
        return this;
    }

    /** Sets a field to a string value. */
    Trades with(String field, String value) {
        node.put(field, value);
        return this;
    }

    /** Sets a field to any JSON value, given as JSON text: {@code withRaw("quantity", "\"1000\"")}. */
    Trades withRaw(String field, String json) {
        node.set(field, parseAny(json));
        return this;
    }

    /** Sets a field of the allocation at {@code index} to any JSON value, given as JSON text. */
    Trades withAllocationRaw(int index, String field, String json) {
        ((ObjectNode) node.get("allocations").get(index)).set(field, parseAny(json));
        return this;
    }

    Trades without(String field) {
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
