package io.tradewind.model.trade;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.wire.BusinessDateWindow;
import io.tradewind.model.wire.WireLimits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
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
 * senderRole and tradeRef, and any other trade field with a value is NOT_ALLOWED. Every field keeps the limits of
 * {@link WireLimits}, and the trade and settlement dates the {@link BusinessDateWindow} around the clock's today.
 */
public final class TradeMessageDecoder {
    /** The largest body accepted, in UTF-8 bytes; a larger one is rejected before it is parsed. */
    public static final int MAX_BODY_BYTES = WireLimits.MAX_BODY_BYTES;

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

    private final Clock clock;
    private final BusinessDateWindow window;

    /** A decoder whose business dates are relative to today in UTC. */
    public TradeMessageDecoder() {
        this(Clock.systemUTC());
    }

    /** A decoder whose business dates are relative to the clock's today, in the default window. */
    public TradeMessageDecoder(Clock clock) {
        this(clock, BusinessDateWindow.DEFAULT);
    }

    public TradeMessageDecoder(Clock clock, BusinessDateWindow window) {
        if (clock == null) throw new IllegalArgumentException("clock is null");
        if (window == null) throw new IllegalArgumentException("window is null");
        this.clock = clock;
        this.window = window;
    }

    public DecodeResult<TradeMessage> decode(String body) {
        List<Rejection> rejections = new ArrayList<>();
        FieldReader fields = FieldReader.ofBody(body, MAX_BODY_BYTES, rejections);
        if (fields == null) return new DecodeResult.Rejected<>(rejections);

        String messageId = fields.id("messageId", WireLimits.MAX_ID_LENGTH);
        MessageType messageType = fields.oneOf("messageType", MessageType.class);
        String senderId = fields.id("senderId", WireLimits.MAX_PARTICIPANT_ID_LENGTH);
        SenderRole senderRole = fields.oneOf("senderRole", SenderRole.class);
        String tradeRef = fields.id("tradeRef", WireLimits.MAX_ID_LENGTH);

        if (messageType == MessageType.CANCEL || (messageType == null && !carriesTradeFields(fields))) {
            fields.rejectOthers(CANCEL_FIELDS, NEW_FIELDS);
            return rejections.isEmpty()
                    ? new DecodeResult.Valid<>(TradeMessage.cancel(messageId, senderId, senderRole, tradeRef))
                    : new DecodeResult.Rejected<>(rejections);
        }

        String executingBroker = fields.id("executingBroker", WireLimits.MAX_PARTICIPANT_ID_LENGTH);
        String investmentManager = fields.id("investmentManager", WireLimits.MAX_PARTICIPANT_ID_LENGTH);
        Side side = fields.oneOf("side", Side.class);
        String security = fields.isin("security");
        Long quantity = fields.quantity("quantity");
        BigDecimal price =
                fields.positiveDecimal("price", WireLimits.MAX_PRICE_INTEGER_DIGITS, WireLimits.PRICE_DECIMALS);
        String currency = fields.currency("currency");
        LocalDate tradeDate = fields.date("tradeDate");
        LocalDate settlementDate = fields.date("settlementDate");
        BigDecimal netAmount =
                fields.positiveDecimal("netAmount", WireLimits.MAX_AMOUNT_INTEGER_DIGITS, WireLimits.AMOUNT_DECIMALS);
        List<Allocation> allocations = allocations(fields, quantity, rejections);
        fields.rejectOthers(NEW_FIELDS, NEW_FIELDS);

        fields.businessDates("tradeDate", tradeDate, "settlementDate", settlementDate, window, LocalDate.now(clock));
        if (price != null && quantity != null) checkGrossAmount(fields, price, quantity);
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

    /**
     * Price × quantity must fit an amount: trade matching settles each allocation for its quantity at the trade's
     * price, and a settlement amount beyond the limit would be refused by settlement matching after the trade matched.
     */
    private static void checkGrossAmount(FieldReader fields, BigDecimal price, long quantity) {
        BigDecimal gross = price.multiply(BigDecimal.valueOf(quantity)).setScale(0, RoundingMode.HALF_UP);
        if (gross.precision() > WireLimits.MAX_AMOUNT_INTEGER_DIGITS) {
            fields.reject(
                    "quantity",
                    RejectionCode.OUT_OF_RANGE,
                    "price × quantity is " + gross.toPlainString() + ", more than "
                            + WireLimits.MAX_AMOUNT_INTEGER_DIGITS + " integer digits",
                    "price × quantity of " + WireLimits.MAX_AMOUNT_INTEGER_DIGITS + " integer digits at most");
        }
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
            fields.reject("allocations", RejectionCode.EMPTY, "a trade needs at least one allocation", "1 at least");
            return null;
        }
        if (node.size() > WireLimits.MAX_ALLOCATIONS) {
            fields.reject(
                    "allocations",
                    RejectionCode.TOO_MANY_ITEMS,
                    node.size() + " allocations",
                    WireLimits.MAX_ALLOCATIONS + " allocations at most");
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
            String allocationId = allocation.id("allocationId", WireLimits.MAX_ALLOCATION_ID_LENGTH);
            String account = allocation.id("account", WireLimits.MAX_ID_LENGTH);
            Long allocated = allocation.quantity("quantity");
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
        // At most MAX_ALLOCATIONS quantities of at most MAX_QUANTITY_DIGITS digits: the sum cannot overflow a long.
        if (quantity != null) {
            long sum = allocations.stream().mapToLong(Allocation::quantity).sum();
            if (sum != quantity) {
                fields.reject(
                        "allocations",
                        RejectionCode.ALLOCATIONS_DO_NOT_SUM,
                        "allocation quantities add up to " + sum + ", not the trade quantity " + quantity);
                return null;
            }
        }
        return allocations;
    }
}
