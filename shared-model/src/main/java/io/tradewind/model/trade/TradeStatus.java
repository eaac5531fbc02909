package io.tradewind.model.trade;

/** What a trade status report tells a counterparty about one of its trades. */
public enum TradeStatus {
    UNMATCHED,
    MATCHED,
    MISMATCHED,
    SETTLED,
    CANCELLED,
    REJECTED
}
