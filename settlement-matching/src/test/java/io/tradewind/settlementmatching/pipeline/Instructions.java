package io.tradewind.settlementmatching.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradewind.model.settlement.Direction;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.model.wire.WireJson;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settlement instruction bodies as settlement desks post them on {@code settlements.inbound}, one allocation of the
 * trade {@code "M-" + ref}: BRK001 delivers 600 US0378331005 to IM042 against 112,350.00 USD, and the delivery and the
 * receipt of one ref match until a test changes a field, e.g. {@code aReceipt("P1").withAmount("112352.00").json()}.
 * Ids follow trade matching's egress: instruction {@code M-<ref>-<allocation>-<DIRECTION>}, message {@code SI-<id>}.
 * {@link #withRaw} and {@link #without} break the body in ways the record cannot hold (a wrong JSON type, an unknown
 * or missing field).
 */
public final class Instructions {
    private final Direction direction;
    private final String ref;
    private String messageId;
    private String instructionId;
    private String allocationId = "1";
    private String deliverer = "BRK001";
    private String receiver = "IM042";
    private String security = "US0378331005";
    private long quantity = 600;
    private BigDecimal settlementAmount = new BigDecimal("112350.00");
    private String currency = "USD";
    private LocalDate tradeDate = LocalDate.parse("2026-11-20");
    private LocalDate intendedSettlementDate = LocalDate.parse("2026-11-23");
    /** Raw JSON values that replace or add a field (a null value removes it), applied in order. */
    private final Map<String, String> raw = new LinkedHashMap<>();

    private Instructions(Direction direction, String ref) {
        this.direction = direction;
        this.ref = ref;
    }

    /** The deliverer's (BRK001's) instruction for trade {@code M-<ref>}. */
    public static Instructions aDelivery(String ref) {
        return new Instructions(Direction.DELIVER, ref);
    }

    /** The receiver's (IM042's) instruction for trade {@code M-<ref>}: the counterpart of {@link #aDelivery}. */
    public static Instructions aReceipt(String ref) {
        return new Instructions(Direction.RECEIVE, ref);
    }

    /** Who delivers and who receives: the party and counterparty follow from the direction. */
    public Instructions between(String deliverer, String receiver) {
        this.deliverer = deliverer;
        this.receiver = receiver;
        return this;
    }

    public Instructions withMessageId(String value) {
        messageId = value;
        return this;
    }

    public Instructions withInstructionId(String value) {
        instructionId = value;
        return this;
    }

    public Instructions withAllocationId(String value) {
        allocationId = value;
        return this;
    }

    public Instructions withSecurity(String value) {
        security = value;
        return this;
    }

    public Instructions withQuantity(long value) {
        quantity = value;
        return this;
    }

    public Instructions withAmount(String value) {
        settlementAmount = new BigDecimal(value);
        return this;
    }

    public Instructions withTradeDate(String value) {
        tradeDate = LocalDate.parse(value);
        return this;
    }

    public Instructions withIntendedSettlementDate(String value) {
        intendedSettlementDate = LocalDate.parse(value);
        return this;
    }

    /** Sets {@code field} to a raw JSON value (adding the field if the contract has none such), e.g. {@code "\"600\""}. */
    public Instructions withRaw(String field, String rawJson) {
        raw.put(field, rawJson);
        return this;
    }

    /** Leaves {@code field} out of the body. */
    public Instructions without(String field) {
        raw.put(field, null);
        return this;
    }

    public String matchId() {
        return "M-" + ref;
    }

    public String instructionId() {
        return instructionId != null ? instructionId : matchId() + "-" + allocationId + "-" + direction.name();
    }

    public String messageId() {
        return messageId != null ? messageId : "SI-" + instructionId();
    }

    public String party() {
        return direction == Direction.DELIVER ? deliverer : receiver;
    }

    public String counterparty() {
        return direction == Direction.DELIVER ? receiver : deliverer;
    }

    /** The key the inbound gateway journals this message under: party and messageId. */
    public String journalKey() {
        return party() + "|" + messageId();
    }

    public SettlementInstruction instruction() {
        return new SettlementInstruction(
                messageId(),
                instructionId(),
                matchId(),
                allocationId,
                direction,
                party(),
                counterparty(),
                security,
                quantity,
                settlementAmount,
                currency,
                tradeDate,
                intendedSettlementDate);
    }

    /** The body as the wire contract writes it, with any raw changes applied. */
    public String json() {
        String encoded = WireCodec.encode(instruction());
        if (raw.isEmpty()) return encoded;
        try {
            ObjectNode body = (ObjectNode) WireJson.mapper().readTree(encoded);
            for (Map.Entry<String, String> change : raw.entrySet()) {
                if (change.getValue() == null) body.remove(change.getKey());
                else body.set(change.getKey(), WireJson.mapper().readTree(change.getValue()));
            }
            return WireJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a raw value is not JSON: " + raw, e);
        }
    }
}
