package io.tradewind.model.wire;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradewind.model.settlement.Direction;
import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementConfirmationDecoder;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.settlement.SettlementInstructionDecoder;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.settlement.SettlementStatusReport;
import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.Isin;
import io.tradewind.model.trade.Rejection;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.StatusReport;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.model.trade.TradeStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The JSON form of the v1 wire messages Tradewind writes: trade and settlement status reports, settlement instructions,
 * settlement confirmations and (for generators and tests) trade messages. Amounts are written as plain decimal strings
 * with their scale ("187.2500" stays "187.2500"), dates as ISO-8601, and null fields are omitted; lists are always
 * written, possibly empty, except the allocations of a CANCEL. Inbound trades and instructions are decoded by
 * {@link TradeMessageDecoder} and {@link SettlementInstructionDecoder}, which report every problem; the decoders here
 * are for messages our own services wrote and throw {@link IllegalArgumentException} on the first, naming the field.
 */
public final class WireCodec {
    private static final ObjectReader READER =
            WireJson.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Set<String> STATUS_REPORT_FIELDS = Set.of(
            "messageId", "inReplyTo", "tradeRef", "senderId", "status", "matchId", "counterpartyTradeRef", "reasons");
    private static final Set<String> SETTLEMENT_STATUS_REPORT_FIELDS = Set.of(
            "messageId",
            "inReplyTo",
            "instructionId",
            "party",
            "status",
            "settlementMatchId",
            "counterpartyInstructionId",
            "reasons");
    private static final Set<String> STATUS_REASON_FIELDS = Set.of("field", "code", "ours", "theirs");
    private static final Set<String> INSTRUCTION_FIELDS = Set.of(
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

    private static final SettlementConfirmationDecoder CONFIRMATIONS = new SettlementConfirmationDecoder();
    private static final int MAX_PROBLEMS_NAMED = 10;

    private WireCodec() {}

    public static String encode(TradeMessage message) {
        ObjectNode node = WireJson.mapper().createObjectNode();
        putText(node, "messageId", message.messageId());
        putText(node, "messageType", message.messageType());
        putText(node, "senderId", message.senderId());
        putText(node, "senderRole", message.senderRole());
        putText(node, "tradeRef", message.tradeRef());
        putText(node, "executingBroker", message.executingBroker());
        putText(node, "investmentManager", message.investmentManager());
        putText(node, "side", message.side());
        putText(node, "security", message.security());
        // A CANCEL carries no quantity or allocations; its record holds 0 and an empty list.
        if (!message.isCancel()) node.put("quantity", message.quantity());
        putDecimal(node, "price", message.price());
        putText(node, "currency", message.currency());
        putText(node, "tradeDate", message.tradeDate());
        putText(node, "settlementDate", message.settlementDate());
        putDecimal(node, "netAmount", message.netAmount());
        if (!(message.isCancel() && message.allocations().isEmpty())) {
            ArrayNode allocations = node.putArray("allocations");
            for (Allocation allocation : message.allocations()) {
                ObjectNode element = allocations.addObject();
                putText(element, "allocationId", allocation.allocationId());
                putText(element, "account", allocation.account());
                element.put("quantity", allocation.quantity());
            }
        }
        return write(node);
    }

    public static String encode(StatusReport report) {
        ObjectNode node = WireJson.mapper().createObjectNode();
        putText(node, "messageId", report.messageId());
        putText(node, "inReplyTo", report.inReplyTo());
        putText(node, "tradeRef", report.tradeRef());
        putText(node, "senderId", report.senderId());
        putText(node, "status", report.status());
        putText(node, "matchId", report.matchId());
        putText(node, "counterpartyTradeRef", report.counterpartyTradeRef());
        putReasons(node, report.reasons());
        return write(node);
    }

    public static String encode(SettlementStatusReport report) {
        ObjectNode node = WireJson.mapper().createObjectNode();
        putText(node, "messageId", report.messageId());
        putText(node, "inReplyTo", report.inReplyTo());
        putText(node, "instructionId", report.instructionId());
        putText(node, "party", report.party());
        putText(node, "status", report.status());
        putText(node, "settlementMatchId", report.settlementMatchId());
        putText(node, "counterpartyInstructionId", report.counterpartyInstructionId());
        putReasons(node, report.reasons());
        return write(node);
    }

    public static String encode(SettlementConfirmation confirmation) {
        ObjectNode node = WireJson.mapper().createObjectNode();
        putText(node, "messageId", confirmation.messageId());
        putText(node, "settlementMatchId", confirmation.settlementMatchId());
        putText(node, "matchId", confirmation.matchId());
        putText(node, "allocationId", confirmation.allocationId());
        putText(node, "deliverInstructionId", confirmation.deliverInstructionId());
        putText(node, "receiveInstructionId", confirmation.receiveInstructionId());
        return write(node);
    }

    public static String encode(SettlementInstruction instruction) {
        ObjectNode node = WireJson.mapper().createObjectNode();
        putText(node, "messageId", instruction.messageId());
        putText(node, "instructionId", instruction.instructionId());
        putText(node, "matchId", instruction.matchId());
        putText(node, "allocationId", instruction.allocationId());
        putText(node, "direction", instruction.direction());
        putText(node, "party", instruction.party());
        putText(node, "counterparty", instruction.counterparty());
        putText(node, "security", instruction.security());
        node.put("quantity", instruction.quantity());
        putDecimal(node, "settlementAmount", instruction.settlementAmount());
        putText(node, "currency", instruction.currency());
        putText(node, "tradeDate", instruction.tradeDate());
        putText(node, "intendedSettlementDate", instruction.intendedSettlementDate());
        return write(node);
    }

    /**
     * A status report as {@link #encode(StatusReport)} writes it: messageId and status required, the other strings
     * optional (absent or null), reasons optional (absent means none), unknown fields refused.
     */
    public static StatusReport decodeStatusReport(String body) {
        Fields fields = Fields.of("status report", body, STATUS_REPORT_FIELDS);
        return new StatusReport(
                fields.text("messageId"),
                fields.optionalText("inReplyTo"),
                fields.optionalText("tradeRef"),
                fields.optionalText("senderId"),
                fields.oneOf("status", TradeStatus.class),
                fields.optionalText("matchId"),
                fields.optionalText("counterpartyTradeRef"),
                reasons(fields));
    }

    /**
     * A settlement status report as {@link #encode(SettlementStatusReport)} writes it: messageId and status required,
     * the other strings optional (absent or null), reasons optional (absent means none), unknown fields refused.
     */
    public static SettlementStatusReport decodeSettlementStatusReport(String body) {
        Fields fields = Fields.of("settlement status report", body, SETTLEMENT_STATUS_REPORT_FIELDS);
        return new SettlementStatusReport(
                fields.text("messageId"),
                fields.optionalText("inReplyTo"),
                fields.optionalText("instructionId"),
                fields.optionalText("party"),
                fields.oneOf("status", SettlementStatus.class),
                fields.optionalText("settlementMatchId"),
                fields.optionalText("counterpartyInstructionId"),
                reasons(fields));
    }

    /**
     * A settlement confirmation as {@link SettlementConfirmationDecoder} reads it (every field a required id within
     * the wire limits, unknown fields refused), throwing {@link IllegalArgumentException} that names the first
     * {@value #MAX_PROBLEMS_NAMED} problems instead of returning them.
     */
    public static SettlementConfirmation decodeConfirmation(String body) {
        DecodeResult<SettlementConfirmation> result = CONFIRMATIONS.decode(body);
        if (result instanceof DecodeResult.Valid<SettlementConfirmation> valid) return valid.message();
        List<Rejection> reasons = ((DecodeResult.Rejected<SettlementConfirmation>) result).reasons();
        throw new IllegalArgumentException("settlement confirmation: "
                + reasons.stream()
                        .limit(MAX_PROBLEMS_NAMED)
                        .map(r -> r.field() + " " + r.code() + ": " + r.detail())
                        .collect(Collectors.joining("; "))
                + (reasons.size() > MAX_PROBLEMS_NAMED
                        ? "; and " + (reasons.size() - MAX_PROBLEMS_NAMED) + " more"
                        : ""));
    }

    /**
     * A settlement instruction: every field required, quantity a positive integer, settlementAmount a decimal string,
     * security a valid ISIN, currency three upper-case letters, dates ISO-8601; unknown fields refused.
     */
    public static SettlementInstruction decodeInstruction(String body) {
        Fields fields = Fields.of("settlement instruction", body, INSTRUCTION_FIELDS);
        String security = fields.text("security");
        if (!Isin.isValid(security)) throw fields.invalid("security", "'" + security + "' is not a valid ISIN");
        String currency = fields.text("currency");
        if (!currency.matches("[A-Z]{3}")) {
            throw fields.invalid("currency", "'" + currency + "' is not three upper-case letters");
        }
        return new SettlementInstruction(
                fields.text("messageId"),
                fields.text("instructionId"),
                fields.text("matchId"),
                fields.text("allocationId"),
                fields.oneOf("direction", Direction.class),
                fields.text("party"),
                fields.text("counterparty"),
                security,
                fields.positiveInteger("quantity"),
                fields.decimal("settlementAmount"),
                currency,
                fields.date("tradeDate"),
                fields.date("intendedSettlementDate"));
    }

    private static List<StatusReason> reasons(Fields fields) {
        List<StatusReason> reasons = new ArrayList<>();
        JsonNode reasonsNode = fields.optional("reasons");
        if (reasonsNode != null) {
            if (!reasonsNode.isArray()) throw fields.invalid("reasons", "must be an array");
            for (int i = 0; i < reasonsNode.size(); i++) {
                Fields reason = fields.nested("reasons[" + i + "]", reasonsNode.get(i), STATUS_REASON_FIELDS);
                reasons.add(new StatusReason(
                        reason.text("field"),
                        reason.text("code"),
                        reason.optionalText("ours"),
                        reason.optionalText("theirs")));
            }
        }
        return reasons;
    }

    private static void putReasons(ObjectNode node, List<StatusReason> reasons) {
        ArrayNode array = node.putArray("reasons");
        for (StatusReason reason : reasons) {
            ObjectNode element = array.addObject();
            putText(element, "field", reason.field());
            putText(element, "code", reason.code());
            putText(element, "ours", reason.ours());
            putText(element, "theirs", reason.theirs());
        }
    }

    private static void putText(ObjectNode node, String name, Object value) {
        // Enums by name, dates by ISO-8601 toString; null fields are omitted rather than written as null.
        if (value != null) node.put(name, value instanceof Enum<?> e ? e.name() : value.toString());
    }

    private static void putDecimal(ObjectNode node, String name, BigDecimal value) {
        // toPlainString keeps the scale and never uses an exponent: "187.2500" stays "187.2500", 1E+3 becomes "1000".
        if (value != null) node.put(name, value.toPlainString());
    }

    private static String write(ObjectNode node) {
        try {
            return WireJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree of strings and numbers", e);
        }
    }

    /** Strict reads of one JSON object that throw on the first field at fault, naming the message and the field. */
    private record Fields(String what, String pathPrefix, JsonNode object) {
        private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
        private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

        static Fields of(String what, String body, Set<String> known) {
            if (body == null) throw new IllegalArgumentException(what + ": no body");
            JsonNode root;
            try {
                root = READER.readTree(body);
            } catch (JacksonException e) {
                throw new IllegalArgumentException(what + ": malformed JSON: " + e.getOriginalMessage(), e);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": a JSON number whose exponent is out of range", e);
            }
            return new Fields(what, "", root).checked("body", known);
        }

        Fields nested(String path, JsonNode node, Set<String> known) {
            return new Fields(what, path + ".", node).checked(path, known);
        }

        private Fields checked(String path, Set<String> known) {
            if (object == null || !object.isObject()) {
                throw new IllegalArgumentException(what + ": " + path + " must be a JSON object");
            }
            object.fieldNames().forEachRemaining(name -> {
                if (!known.contains(name)) throw invalid(name, "unknown field");
            });
            return this;
        }

        IllegalArgumentException invalid(String name, String problem) {
            return new IllegalArgumentException(what + ": " + pathPrefix + name + " " + problem);
        }

        JsonNode optional(String name) {
            JsonNode node = object.get(name);
            return node == null || node.isNull() ? null : node;
        }

        String optionalText(String name) {
            JsonNode node = optional(name);
            if (node == null) return null;
            if (!node.isTextual()) throw invalid(name, "must be a string");
            return node.textValue();
        }

        String text(String name) {
            String value = optionalText(name);
            if (value == null || value.isBlank()) throw invalid(name, "is missing or blank");
            return value;
        }

        <E extends Enum<E>> E oneOf(String name, Class<E> type) {
            String value = text(name);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value)) return constant;
            }
            throw invalid(name, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }

        long positiveInteger(String name) {
            JsonNode node = optional(name);
            if (node == null) throw invalid(name, "is missing");
            if (!node.isIntegralNumber() || !node.canConvertToLong()) throw invalid(name, "must be a 64-bit integer");
            if (node.longValue() <= 0) throw invalid(name, "must be greater than zero");
            return node.longValue();
        }

        BigDecimal decimal(String name) {
            String value = text(name);
            if (!PLAIN_DECIMAL.matcher(value).matches()) throw invalid(name, "'" + value + "' is not a decimal string");
            return new BigDecimal(value);
        }

        LocalDate date(String name) {
            String value = text(name);
            try {
                if (ISO_DATE.matcher(value).matches()) return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                // reported below with the same message as a date of the wrong form
            }
            throw invalid(name, "'" + value + "' is not an ISO-8601 date (yyyy-MM-dd)");
        }
    }
}
