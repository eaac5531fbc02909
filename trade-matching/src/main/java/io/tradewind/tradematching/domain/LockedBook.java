package io.tradewind.tradematching.domain;

import io.tradewind.model.values.Require;
import java.util.List;
import java.util.Optional;

/**
 * The part of the book one batch of commands may read, as stored when the batch began, held for the batch alone (the
 * PostgreSQL book locks the rows). A trade or pairing key the batch did not foresee, such as a cancelled trade's
 * counterpart, is locked when first asked for. The lifecycle never asks twice for a trade or a pairing key and keeps
 * its own changes, so implementations return the stored state.
 */
public interface LockedBook {

    /** The booked trade {@code id}; a command for a trade that is not booked is a broken invariant. */
    BookedTrade trade(TradeId id);

    /** The trades stored UNMATCHED under {@code key}, of either role. */
    List<BookedTrade> unmatched(PairingKey key);

    /** The two trades of the pair {@code matchId} as decided, empty if matching never decided such a pair. */
    Optional<TradePair> pair(String matchId);

    /** The two trades a match id pairs, as matching decided them. */
    record TradePair(String matchId, TradeId a, TradeId b) {
        public TradePair {
            Require.text(matchId, "matchId");
            Require.present(a, "a");
            Require.present(b, "b");
        }
    }
}
