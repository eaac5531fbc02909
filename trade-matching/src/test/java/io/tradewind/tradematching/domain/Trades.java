package io.tradewind.tradematching.domain;

import io.tradewind.model.values.ParticipantId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Test fixtures: booked trades, by default the broker's and the investment manager's sides of one agreed trade (the
 * wire contract's example, as {@link TradeSides} states it), RECEIVED at version 0, which pair and match until a test
 * changes a field. Allocations are numbered "1", "2", ... in the order the side lists them.
 */
final class Trades {
    private final TradeSides side;
    private final Set<String> settledAllocations = new HashSet<>();
    private BookStatus status = BookStatus.RECEIVED;
    private int version = 0;
    private String matchId;
    private TradeId counterpartId;

    private Trades(TradeSides side) {
        this.side = side;
    }

    static Trades aBrokerTrade() {
        return new Trades(TradeSides.aBrokerSide());
    }

    static Trades anInvestmentManagerTrade() {
        return new Trades(TradeSides.anInvestmentManagerSide());
    }

    Trades withTradeRef(String value) {
        side.withTradeRef(value);
        return this;
    }

    Trades withQuantity(long value) {
        side.withQuantity(value).withAllocations("ACC-1:" + value);
        return this;
    }

    Trades withPrice(String value) {
        side.withPrice(value);
        return this;
    }

    Trades withCurrency(String value) {
        side.withCurrency(value);
        return this;
    }

    Trades arrivedAs(long sequence) {
        side.withArrivalSequence(sequence);
        return this;
    }

    /** Allocation {@code allocationId} already confirmed settled. */
    Trades withSettledAllocation(String allocationId) {
        settledAllocations.add(allocationId);
        return this;
    }

    /** Waiting UNMATCHED, reported at version 1. */
    Trades unmatched() {
        return withStatus(BookStatus.UNMATCHED, 1);
    }

    /** In pair {@code pairId} with {@code counterpart} as {@code pairStatus}, at {@code atVersion}. */
    Trades paired(BookStatus pairStatus, String pairId, Trades counterpart, int atVersion) {
        matchId = pairId;
        counterpartId = counterpart.id();
        return withStatus(pairStatus, atVersion);
    }

    Trades withStatus(BookStatus value, int atVersion) {
        status = value;
        version = atVersion;
        return this;
    }

    TradeId id() {
        return new TradeId(side.build().tradeId());
    }

    /** The NEW message that booked the trade. */
    String messageId() {
        return "NEW-" + side.build().tradeRef();
    }

    BookedTrade build() {
        TradeSide stated = side.build();
        PairingKey key = stated.pairingKey();
        List<BookedAllocation> allocations = new ArrayList<>();
        for (AllocationSplit split : stated.allocations()) {
            String allocationId = Integer.toString(allocations.size() + 1);
            allocations.add(new BookedAllocation(
                    allocationId,
                    split.account(),
                    new Quantity(split.quantity()),
                    settledAllocations.contains(allocationId)));
        }
        return new BookedTrade(
                id(),
                new ParticipantId(stated.senderId()),
                stated.role(),
                stated.tradeRef(),
                messageId(),
                new ParticipantId(key.executingBroker()),
                new ParticipantId(key.investmentManager()),
                key.side(),
                new Security(key.security()),
                new Quantity(key.quantity()),
                new Price(stated.price(), stated.currency()),
                key.tradeDate(),
                stated.settlementDate(),
                new Money(stated.netAmount(), stated.currency()),
                allocations,
                stated.arrivalSequence(),
                status,
                version,
                matchId,
                counterpartId);
    }
}
