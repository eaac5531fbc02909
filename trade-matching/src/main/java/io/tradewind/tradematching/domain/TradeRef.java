package io.tradewind.tradematching.domain;

import io.tradewind.model.values.ParticipantId;
import io.tradewind.model.values.Require;

/** A trade as its status reports name it: the book's id, the sender and the sender's own reference. */
public record TradeRef(TradeId id, ParticipantId sender, String tradeRef) {
    public TradeRef {
        Require.present(id, "id");
        Require.present(sender, "sender");
        Require.text(tradeRef, "tradeRef");
    }

    static TradeRef of(BookedTrade trade) {
        return new TradeRef(trade.id(), trade.sender(), trade.tradeRef());
    }
}
