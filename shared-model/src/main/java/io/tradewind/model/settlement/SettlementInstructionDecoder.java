package io.tradewind.model.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.FieldReader;
import io.tradewind.model.trade.Rejection;
import io.tradewind.model.trade.RejectionCode;
import io.tradewind.model.wire.BusinessDateWindow;
import io.tradewind.model.wire.WireJson;
import io.tradewind.model.wire.WireLimits;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
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
 * decimal strings, quantities JSON integers, every field within {@link WireLimits}); beyond them, all thirteen fields
 * are required, the dates keep the {@link BusinessDateWindow} (an intended settlement date before the trade date is
 * SETTLEMENT_BEFORE_TRADE_DATE) and a counterparty equal to the party is SAME_PARTY.
 */
public final class SettlementInstructionDecoder {
    /** The largest body accepted, in UTF-8 bytes: the same limit as for trades; a larger body is not parsed. */
    public static final int MAX_BODY_BYTES = WireLimits.MAX_BODY_BYTES;

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

    private final Clock clock;
    private final BusinessDateWindow window;

    /** A decoder whose business dates are relative to today in UTC. */
    public SettlementInstructionDecoder() {
        this(Clock.systemUTC());
    }

    /** A decoder whose business dates are relative to the clock's today, in the default window. */
    public SettlementInstructionDecoder(Clock clock) {
        this(clock, BusinessDateWindow.DEFAULT);
    }

    public SettlementInstructionDecoder(Clock clock, BusinessDateWindow window) {
        if (clock == null) throw new IllegalArgumentException("clock is null");
        if (window == null) throw new IllegalArgumentException("window is null");
        this.clock = clock;
        this.window = window;
    }

    public DecodeResult<SettlementInstruction> decode(String body) {
        List<Rejection> rejections = new ArrayList<>();
        FieldReader fields = FieldReader.ofBody(body, MAX_BODY_BYTES, rejections);
        if (fields == null) return new DecodeResult.Rejected<>(rejections);

        String messageId = fields.id("messageId", WireLimits.MAX_ID_LENGTH);
        String instructionId = fields.id("instructionId", WireLimits.MAX_ID_LENGTH);
        String matchId = fields.id("matchId", WireLimits.MAX_ID_LENGTH);
        String allocationId = fields.id("allocationId", WireLimits.MAX_ALLOCATION_ID_LENGTH);
        Direction direction = fields.oneOf("direction", Direction.class);
        String party = fields.id("party", WireLimits.MAX_ID_LENGTH);
        String counterparty = fields.id("counterparty", WireLimits.MAX_ID_LENGTH);
        String security = fields.isin("security");
        Long quantity = fields.quantity("quantity");
        BigDecimal settlementAmount = fields.positiveDecimal(
                "settlementAmount", WireLimits.MAX_AMOUNT_INTEGER_DIGITS, WireLimits.AMOUNT_DECIMALS);
        String currency = fields.currency("currency");
        LocalDate tradeDate = fields.date("tradeDate");
        LocalDate intendedSettlementDate = fields.date("intendedSettlementDate");
        fields.rejectOthers(FIELDS, FIELDS);

        if (party != null && party.equals(counterparty)) {
            fields.reject("counterparty", RejectionCode.SAME_PARTY, "'" + counterparty + "' is also the party");
        }
        fields.businessDates(
                "tradeDate", tradeDate, "intendedSettlementDate", intendedSettlementDate, window, LocalDate.now(clock));
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
     * Who a body says it is, as far as that is readable and within the limits: each of messageId, instructionId and
     * party when the body is a JSON object holding it as an id of at most {@link WireLimits#MAX_ID_LENGTH} characters
     * of {@link WireLimits#ID_CHARACTERS}, else null. Ingestion uses it to address the REJECTED report of a body the
     * decoder refused, so a hostile value (3 KB long, or holding NUL) never reaches a report or a store; it never
     * throws.
     */
    public static ReadableIdentity readableIdentity(String body) {
        if (body == null) return ReadableIdentity.NONE;
        try {
            JsonNode root = WireJson.mapper().readTree(body);
            if (root == null || !root.isObject()) return ReadableIdentity.NONE;
            return new ReadableIdentity(
                    readableId(root, "messageId"), readableId(root, "instructionId"), readableId(root, "party"));
        } catch (IOException | RuntimeException unreadable) {
            return ReadableIdentity.NONE; // the decoder's rejections already say why the body could not be read
        }
    }

    private static String readableId(JsonNode root, String name) {
        JsonNode node = root.get(name);
        return node != null && node.isTextual() && WireLimits.isValidId(node.textValue(), WireLimits.MAX_ID_LENGTH)
                ? node.textValue()
                : null;
    }

    /**
     * The identifying fields of an instruction body that could be read, each null when it could not: enough to tell a
     * settlement desk which of its messages was rejected.
     */
    public record ReadableIdentity(String messageId, String instructionId, String party) {
        static final ReadableIdentity NONE = new ReadableIdentity(null, null, null);
    }
}
