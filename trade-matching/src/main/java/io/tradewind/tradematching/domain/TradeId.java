package io.tradewind.tradematching.domain;

import io.tradewind.model.values.ParticipantId;
import io.tradewind.model.values.Require;

/**
 * The book's id of one counterparty's trade: {@code senderId + "|" + tradeRef}, so a redelivered message lands on the
 * same trade.
 */
public record TradeId(String value) implements Comparable<TradeId> {
    public TradeId {
        Require.text(value, "tradeId");
    }

    /** The id of the trade a sender numbered {@code tradeRef}. */
    public static TradeId of(ParticipantId sender, String tradeRef) {
        return new TradeId(TradeSide.tradeIdOf(sender.value(), Require.text(tradeRef, "tradeRef")));
    }

    @Override
    public int compareTo(TradeId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
