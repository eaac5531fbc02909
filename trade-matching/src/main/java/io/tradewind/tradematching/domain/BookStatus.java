package io.tradewind.tradematching.domain;

import io.tradewind.model.trade.TradeStatus;

/**
 * Where a trade stands in the book. A RECEIVED trade is booked and waits for its first decision, which nobody has been
 * told of yet. UNMATCHED trades wait for a counterpart and are the only candidates for pairing;
 * MATCHED and MISMATCHED trades are paired; SETTLED and CANCELLED are final.
 */
public enum BookStatus {
    RECEIVED,
    UNMATCHED,
    MATCHED,
    MISMATCHED,
    SETTLED,
    CANCELLED;

    /** The status a report on {@code trades.status} states for a trade in this state. */
    public TradeStatus toTradeStatus() {
        if (this == RECEIVED) throw new IllegalStateException("a RECEIVED trade is never reported");
        return TradeStatus.valueOf(name());
    }
}
