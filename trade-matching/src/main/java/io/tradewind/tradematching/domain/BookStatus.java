package io.tradewind.tradematching.domain;

import io.tradewind.model.trade.TradeStatus;

/**
 * Where a trade stands in the book. UNMATCHED trades wait for a counterpart and are the only candidates for pairing;
 * MATCHED and MISMATCHED trades are paired; SETTLED and CANCELLED are final.
 */
public enum BookStatus {
    UNMATCHED,
    MATCHED,
    MISMATCHED,
    SETTLED,
    CANCELLED;

    /** The status a report on {@code trades.status} states for a trade in this state. */
    public TradeStatus toTradeStatus() {
        return TradeStatus.valueOf(name());
    }
}
