package io.tradewind.model.trade;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a body from {@code trades.inbound} into a {@link TradeMessage} or into every reason it breaks the v1 wire
 * contract, one {@link Rejection} per field at fault. It never throws on bad input: ingestion reports a rejected body
 * as REJECTED and carries on. Stateless and thread-safe.
 *
 * <p>Rules beyond the obvious: an explicit JSON null is the same as an absent field; a blank string is MISSING; a
 * message whose messageType is missing or unknown is checked as a NEW if it carries any trade field (so every other
 * problem is reported too) and as a CANCEL otherwise; a CANCEL carries exactly messageId, messageType, senderId,
 * senderRole and tradeRef, and any other trade field with a value is NOT_ALLOWED.
 */
public final class TradeMessageDecoder {
    /** The largest body accepted, in UTF-8 bytes; a larger one is rejected before it is parsed. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    static final int PRICE_DECIMALS = 4;
    static final int NET_AMOUNT_DECIMALS = 2;

    private static final Set<String> CANCEL_FIELDS =
            Set.of("messageId", "messageType", "senderId", "senderRole", "tradeRef");
    private static final Set<String> NEW_FIELDS = Set.of(
            "messageId",
            "messageType",
            "senderId",
            "senderRole",
            "tradeRef",
            "executingBroker",
            "investmentManager",
            "side",
            "security",
            "quantity",
            "price",
            "currency",
            "tradeDate",
            "settlementDate",
            "netAmount",
            "allocations");
    private static final Set<String> ALLOCATION_FIELDS = Set.of("allocationId", "account", "quantity");

    public DecodeResult<TradeMessage> decode(String body) {
        List<Rejection> rejections = new ArrayList<>();
        FieldReader fields = FieldReader.ofBody(body, MAX_BODY_BYTES, rejections);
        if (fields == null) return new DecodeResult.Rejected<>(rejections);

        String messageId = fields.text("messageId");
        MessageType messageType = fields.oneOf("messageType", MessageType.class);
        String senderId = fields.text("senderId");
        SenderRole senderRole = fields.oneOf("senderRole", SenderRole.class);
        String tradeRef = fields.text("tradeRef");

        if (messageType == MessageType.CANCEL || (messageType == null && !carriesTradeFields(fields))) {
            fields.rejectOthers(CANCEL_FIELDS, NEW_FIELDS);
            return rejections.isEmpty()
                    ? new DecodeResult.Valid<>(TradeMessage.cancel(messageId, senderId, senderRole, tradeRef))
                    : new DecodeResult.Rejected<>(rejections);
        }

        String executingBroker = fields.text("executingBroker");
        String investmentManager = fields.text("investmentManager");
        Side side = fields.oneOf("side", Side.class);
        String security = fields.isin("security");
        Long quantity = fields.positiveInteger("quantity");
        BigDecimal price = fields.positiveDecimal("price", PRICE_DECIMALS);
        String currency = fields.currency("currency");
        LocalDate tradeDate = fields.date("tradeDate");
        LocalDate settlementDate = fields.date("settlementDate");
        BigDecimal netAmount = fields.positiveDecimal("netAmount", NET_AMOUNT_DECIMALS);
        List<Allocation> allocations = allocations(fields, quantity, rejections);
        fields.rejectOthers(NEW_FIELDS, NEW_FIELDS);

        if (tradeDate != null && settlementDate != null && settlementDate.isBefore(tradeDate)) {
            fields.reject(
                    "settlementDate",
                    RejectionCode.SETTLEMENT_BEFORE_TRADE_DATE,
                    settlementDate + " precedes tradeDate " + tradeDate);
        }
        if (!rejections.isEmpty()) return new DecodeResult.Rejected<>(rejections);
        return new DecodeResult.Valid<>(new TradeMessage(
                messageId,
                MessageType.NEW,
                senderId,
                senderRole,
                tradeRef,
                executingBroker,
                investmentManager,
                side,
                security,
                quantity,
                price,
                currency,
                tradeDate,
                settlementDate,
                netAmount,
                allocations));
    }

    private static boolean carriesTradeFields(FieldReader fields) {
        return NEW_FIELDS.stream().filter(name -> !CANCEL_FIELDS.contains(name)).anyMatch(fields::isPresent);
    }

    /** The allocations, or null when any is at fault; checks they are unique and add up to the trade quantity. */
    private static List<Allocation> allocations(FieldReader fields, Long quantity, List<Rejection> rejections) {
        JsonNode node = fields.required("allocations");
        if (node == null) return null;
        if (!node.isArray()) {
            fields.reject("allocations", RejectionCode.WRONG_TYPE, "must be an array, was " + FieldReader.typeOf(node));
            return null;
        }
        if (node.isEmpty()) {
            fields.reject("allocations", RejectionCode.EMPTY, "a trade needs at least one allocation");
            return null;
        }
        int before = rejections.size();
        List<Allocation> allocations = new ArrayList<>(node.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String prefix = "allocations[" + i + "]";
            JsonNode element = node.get(i);
            if (!element.isObject()) {
                rejections.add(new Rejection(
                        prefix, RejectionCode.WRONG_TYPE, "must be an object, was " + FieldReader.typeOf(element)));
                continue;
            }
            FieldReader allocation = new FieldReader(element, prefix + ".", rejections);
            String allocationId = allocation.text("allocationId");
            String account = allocation.text("account");
            Long allocated = allocation.positiveInteger("quantity");
            allocation.rejectOthers(ALLOCATION_FIELDS, ALLOCATION_FIELDS);
            if (allocationId != null && !ids.add(allocationId)) {
                allocation.reject(
                        "allocationId",
                        RejectionCode.DUPLICATE_ALLOCATION,
                        "allocationId '" + allocationId + "' appears more than once");
            }
            if (allocationId != null && account != null && allocated != null) {
                allocations.add(new Allocation(allocationId, account, allocated));
            }
        }
        if (rejections.size() > before) return null;
        // Only a sum of valid quantities against a valid total is meaningful; anything else is already rejected.
        if (quantity != null) {
            long sum = 0;
            boolean overflowed = false;
            for (Allocation allocation : allocations) {
                try {
                    sum = Math.addExact(sum, allocation.quantity());
                } catch (ArithmeticException e) {
                    overflowed = true;
                    break;
                }
            }
            if (overflowed || sum != quantity) {
                fields.reject(
                        "allocations",
                        RejectionCode.ALLOCATIONS_DO_NOT_SUM,
                        "allocation quantities add up to " + (overflowed ? "more than " + Long.MAX_VALUE : sum)
                                + ", not the trade quantity " + quantity);
                return null;
            }
        }
        return allocations;
    }
}
