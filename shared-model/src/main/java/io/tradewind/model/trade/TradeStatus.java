package io.tradewind.model.trade;

/** What a status report on {@code trades.status} tells a counterparty about one of its trades. */
public enum TradeStatus {
    UNMATCHED,
    MATCHED,
    MISMATCHED,
    SETTLED,
    CANCELLED,
    REJECTED
}
