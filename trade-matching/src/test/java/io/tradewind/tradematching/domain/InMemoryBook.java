package io.tradewind.tradematching.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A locked book held in memory for lifecycle tests: what the tables hold when a batch begins. */
final class InMemoryBook implements LockedBook {
    private final Map<TradeId, BookedTrade> trades = new LinkedHashMap<>();
    private final Map<String, TradePair> pairs = new HashMap<>();
    private final List<TradeId> asked = new ArrayList<>();

    InMemoryBook with(Trades... fixtures) {
        for (Trades fixture : fixtures) {
            BookedTrade trade = fixture.build();
            trades.put(trade.id(), trade);
            if (trade.matchId() != null && trade.counterpartId() != null)
                pairs.putIfAbsent(trade.matchId(), new TradePair(trade.matchId(), trade.id(), trade.counterpartId()));
        }
        return this;
    }

    @Override
    public BookedTrade trade(TradeId id) {
        asked.add(id);
        BookedTrade trade = trades.get(id);
        if (trade == null) throw new IllegalStateException("not booked: " + id);
        return trade;
    }

    @Override
    public List<BookedTrade> unmatched(PairingKey key) {
        return trades.values().stream()
                .filter(t ->
                        t.status() == BookStatus.UNMATCHED && t.pairingKey().equals(key))
                .toList();
    }

    @Override
    public Optional<TradePair> pair(String matchId) {
        return Optional.ofNullable(pairs.get(matchId));
    }

    /** How often the lifecycle asked for each trade: once at most, since it keeps what it read. */
    List<TradeId> asked() {
        return asked;
    }
}
