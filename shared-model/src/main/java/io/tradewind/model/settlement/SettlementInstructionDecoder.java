package io.tradewind.model.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.FieldReader;
import io.tradewind.model.trade.Rejection;
import io.tradewind.model.trade.RejectionCode;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.model.wire.WireJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a body from {@code settlements.inbound} into a {@link SettlementInstruction} or into every reason it breaks the
 * v1 wire contract, one {@link Rejection} per field at fault. It never throws on bad input: settlement-matching's
 * ingestion reports a rejected body as REJECTED and carries on. Stateless and thread-safe.
 *
 * <p>The field rules are the trade decoder's (an explicit JSON null is absent, a blank string is MISSING, amounts are
 * decimal strings, quantities JSON integers); beyond them, all thirteen fields are required, an intended settlement
 * date before the trade date is SETTLEMENT_BEFORE_TRADE_DATE and a counterparty equal to the party is SAME_PARTY.
 */
public final class SettlementInstructionDecoder {
    /** The largest body accepted, in UTF-8 bytes: the same limit as for trades; a larger body is not parsed. */
    public static final int MAX_BODY_BYTES = TradeMessageDecoder.MAX_BODY_BYTES;

    static final int SETTLEMENT_AMOUNT_DECIMALS = 2;

    private static final Set<String> FIELDS = Set.of(
            "messageId",
            "instructionId",
            "matchId",
            "allocationId",
            "direction",
            "party",
            "counterparty",
            "security",
            "quantity",
            "settlementAmount",
            "currency",
            "tradeDate",
            "intendedSettlementDate");

    public DecodeResult<SettlementInstruction> decode(String body) {
        List<Rejection> rejections = new ArrayList<>();
        FieldReader fields = FieldReader.ofBody(body, MAX_BODY_BYTES, rejections);
        if (fields == null) return new DecodeResult.Rejected<>(rejections);

        String messageId = fields.text("messageId");
        String instructionId = fields.text("instructionId");
        String matchId = fields.text("matchId");
        String allocationId = fields.text("allocationId");
        Direction direction = fields.oneOf("direction", Direction.class);
        String party = fields.text("party");
        String counterparty = fields.text("counterparty");
        String security = fields.isin("security");
        Long quantity = fields.positiveInteger("quantity");
        BigDecimal settlementAmount = fields.positiveDecimal("settlementAmount", SETTLEMENT_AMOUNT_DECIMALS);
        String currency = fields.currency("currency");
        LocalDate tradeDate = fields.date("tradeDate");
        LocalDate intendedSettlementDate = fields.date("intendedSettlementDate");
        fields.rejectOthers(FIELDS, FIELDS);

        if (party != null && party.equals(counterparty)) {
            fields.reject("counterparty", RejectionCode.SAME_PARTY, "'" + counterparty + "' is also the party");
        }
        if (tradeDate != null && intendedSettlementDate != null && intendedSettlementDate.isBefore(tradeDate)) {
            fields.reject(
                    "intendedSettlementDate",
                    RejectionCode.SETTLEMENT_BEFORE_TRADE_DATE,
                    intendedSettlementDate + " precedes tradeDate " + tradeDate);
        }
        if (!rejections.isEmpty()) return new DecodeResult.Rejected<>(rejections);
        return new DecodeResult.Valid<>(new SettlementInstruction(
                messageId,
                instructionId,
                matchId,
                allocationId,
                direction,
                party,
                counterparty,
                security,
                quantity,
                settlementAmount,
                currency,
                tradeDate,
                intendedSettlementDate));
    }

    /**
     * Who a body says it is, as far as that is readable: each of messageId, instructionId and party when the body is a
     * JSON object holding it as a non-blank string, else null. Ingestion uses it to address the REJECTED report of a
     * body the decoder refused; it never throws.
     */
    public static ReadableIdentity readableIdentity(String body) {
        if (body == null) return ReadableIdentity.NONE;
        try {
            JsonNode root = WireJson.mapper().readTree(body);
            if (root == null || !root.isObject()) return ReadableIdentity.NONE;
            return new ReadableIdentity(
                    readableText(root, "messageId"), readableText(root, "instructionId"), readableText(root, "party"));
        } catch (IOException | RuntimeException unreadable) {
            return ReadableIdentity.NONE; // the decoder's rejections already say why the body could not be read
        }
    }

    private static String readableText(JsonNode root, String name) {
        JsonNode node = root.get(name);
        return node != null && node.isTextual() && !node.textValue().isBlank() ? node.textValue() : null;
    }

    /**
     * The identifying fields of an instruction body that could be read, each null when it could not: enough to tell a
     * settlement desk which of its messages was rejected.
     */
    public record ReadableIdentity(String messageId, String instructionId, String party) {
        static final ReadableIdentity NONE = new ReadableIdentity(null, null, null);
    }
}
