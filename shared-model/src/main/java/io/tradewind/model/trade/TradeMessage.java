package io.tradewind.model.trade;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A trade or a cancel as a counterparty posts it on {@code trades.inbound}; the ingestion stage of trade-matching
 * consumes it. A CANCEL carries only messageId, messageType, senderId, senderRole and tradeRef: its other fields are
 * null, its quantity 0 and its allocations empty. {@link TradeMessageDecoder} builds one from a body and enforces the
 * contract; the record itself does not.
 */
public record TradeMessage(
        String messageId,
        MessageType messageType,
        String senderId,
        SenderRole senderRole,
        String tradeRef,
        String executingBroker,
        String investmentManager,
        Side side,
        String security,
        long quantity,
        BigDecimal price,
        String currency,
        LocalDate tradeDate,
        LocalDate settlementDate,
        BigDecimal netAmount,
        List<Allocation> allocations) {

    public TradeMessage {
        // Never null so callers can iterate without a CANCEL special case; immutable like the rest of the record.
        allocations = allocations == null ? List.of() : List.copyOf(allocations);
    }

    /** A CANCEL of the sender's trade named by {@code tradeRef}. */
    public static TradeMessage cancel(String messageId, String senderId, SenderRole senderRole, String tradeRef) {
        return new TradeMessage(
                messageId,
                MessageType.CANCEL,
                senderId,
                senderRole,
                tradeRef,
                null,
                null,
                null,
                null,
                0L,
                null,
                null,
                null,
                null,
                null,
                List.of());
    }

    public boolean isCancel() {
        return messageType == MessageType.CANCEL;
    }
}
