package io.tradewind.tradematching.domain;

import io.tradewind.model.values.Require;
import java.util.List;

/**
 * What the matcher decided for an incoming trade side: paired and MATCHED, paired but MISMATCHED with the reasons, or
 * UNMATCHED and waiting in the book for its counterpart. The book records it and egress reports it to both senders.
 */
public sealed interface MatchOutcome permits MatchOutcome.Matched, MatchOutcome.Mismatched, MatchOutcome.Unmatched {

    /** The side the decision was made for. */
    TradeSide incoming();

    /** The status the incoming side (and its counterpart, when paired) takes in the book. */
    BookStatus status();

    /** Paired with {@code counterpart} and every compared field agrees within tolerance. */
    record Matched(String matchId, TradeSide incoming, TradeSide counterpart) implements MatchOutcome {
        public Matched {
            Require.text(matchId, "matchId");
            Require.present(incoming, "incoming");
            Require.present(counterpart, "counterpart");
        }

        @Override
        public BookStatus status() {
            return BookStatus.MATCHED;
        }
    }

    /** Paired with {@code counterpart}, but the sides disagree: one reason per differing field, in wire order. */
    record Mismatched(String matchId, TradeSide incoming, TradeSide counterpart, List<MatchReason> reasons)
            implements MatchOutcome {
        public Mismatched {
            Require.text(matchId, "matchId");
            Require.present(incoming, "incoming");
            Require.present(counterpart, "counterpart");
            reasons = List.copyOf(Require.present(reasons, "reasons"));
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("reasons must not be empty for a mismatch");
            }
        }

        @Override
        public BookStatus status() {
            return BookStatus.MISMATCHED;
        }
    }

    /** No side in the book pairs with the incoming one; it waits. */
    record Unmatched(TradeSide incoming) implements MatchOutcome {
        public Unmatched {
            Require.present(incoming, "incoming");
        }

        @Override
        public BookStatus status() {
            return BookStatus.UNMATCHED;
        }
    }
}
