package io.tradewind.tradematching.domain;

import java.time.Instant;
import java.util.List;

/**
 * What a batch changed in the book, for the adapter to write in one go: every trade it moved (in its last state), the
 * pairs it decided (the last decision of a match id) and the allocations it marked settled.
 */
public record BookChanges(List<BookedTrade> trades, List<DecidedPair> pairs, List<SettledAllocation> settled) {
    public BookChanges {
        trades = List.copyOf(trades);
        pairs = List.copyOf(pairs);
        settled = List.copyOf(settled);
    }

    /** A pair matching decided: MATCHED, or MISMATCHED for {@code reasons} as the first trade states them. */
    public record DecidedPair(
            String matchId, TradeId a, TradeId b, BookStatus outcome, List<MatchReason> reasons, Instant decidedAt) {
        public DecidedPair {
            reasons = List.copyOf(reasons);
        }
    }

    /** An allocation of the investment manager's trade that settlement-matching confirmed settled. */
    public record SettledAllocation(TradeId tradeId, String allocationId) {}
}
