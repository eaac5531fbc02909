package io.tradewind.model.trade;

import java.util.List;

/**
 * What trade-matching tells a counterparty about one of its trades, published on the counterparty's private queue,
 * {@code trades.status.<participantId>}. {@code inReplyTo} is the messageId that caused the report;
 * {@code matchId} and {@code counterpartyTradeRef} are set once the trade is paired. Only messageId and status are
 * always present: a body too broken to read has no tradeRef or sender to report.
 */
public record StatusReport(
        String messageId,
        String inReplyTo,
        String tradeRef,
        String senderId,
        TradeStatus status,
        String matchId,
        String counterpartyTradeRef,
        List<StatusReason> reasons) {

    public StatusReport {
        if (messageId == null || messageId.isBlank()) throw new IllegalArgumentException("messageId is blank");
        if (status == null) throw new IllegalArgumentException("status is null");
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
