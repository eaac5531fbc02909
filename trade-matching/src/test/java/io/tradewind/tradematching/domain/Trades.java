package io.tradewind.tradematching.domain;

import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fixtures: booked trades, by default the broker's and the investment manager's sides of one agreed trade (the
 * wire contract's example), RECEIVED at version 0, which pair and match until a test changes a field.
 */
final class Trades {
    private String senderId;
    private SenderRole role;
    private String tradeRef;
    private long quantity = 1000;
    private String price = "187.2500";
    private String currency = "USD";
    private String netAmount = "187250.00";
    private List<BookedAllocation> allocations = new ArrayList<>(List.of(
            new BookedAllocation("1", "ACC-1", new Quantity(600), false),
            new BookedAllocation("2", "ACC-2", new Quantity(400), false)));
    private long arrivalSequence = 1;
    private BookStatus status = BookStatus.RECEIVED;
    private int version = 0;
    private String matchId;
    private TradeId counterpartId;

    private Trades(String senderId, SenderRole role, String tradeRef) {
        this.senderId = senderId;
        this.role = role;
        this.tradeRef = tradeRef;
    }

    static Trades aBrokerTrade() {
        return new Trades("BRK001", SenderRole.BROKER, "BRK001-T42");
    }

    static Trades anInvestmentManagerTrade() {
        return new Trades("IM042", SenderRole.INVESTMENT_MANAGER, "IM042-T7");
    }

    Trades withTradeRef(String value) {
        tradeRef = value;
        return this;
    }

    Trades withQuantity(long value) {
        quantity = value;
        return this;
    }

    Trades withPrice(String value) {
        price = value;
        return this;
    }

    Trades withCurrency(String value) {
        currency = value;
        return this;
    }

    Trades withNetAmount(String value) {
        netAmount = value;
        return this;
    }

    Trades arrivedAs(long sequence) {
        arrivalSequence = sequence;
        return this;
    }

    /** Allocation {@code allocationId} already confirmed settled. */
    Trades withSettledAllocation(String allocationId) {
        allocations.replaceAll(a -> a.allocationId().equals(allocationId)
                ? new BookedAllocation(a.allocationId(), a.account(), a.quantity(), true)
                : a);
        return this;
    }

    /** Waiting UNMATCHED, reported at version 1. */
    Trades unmatched() {
        status = BookStatus.UNMATCHED;
        version = 1;
        return this;
    }

    /** In pair {@code pairId} with {@code counterpart} as {@code pairStatus}, at {@code atVersion}. */
    Trades paired(BookStatus pairStatus, String pairId, Trades counterpart, int atVersion) {
        status = pairStatus;
        matchId = pairId;
        counterpartId = counterpart.id();
        version = atVersion;
        return this;
    }

    Trades withStatus(BookStatus value, int atVersion) {
        status = value;
        version = atVersion;
        return this;
    }

    TradeId id() {
        return new TradeId(TradeSide.tradeIdOf(senderId, tradeRef));
    }

    /** The NEW message that booked the trade. */
    String messageId() {
        return "NEW-" + tradeRef;
    }

    BookedTrade build() {
        return new BookedTrade(
                id(),
                new ParticipantId(senderId),
                role,
                tradeRef,
                messageId(),
                new ParticipantId("BRK001"),
                new ParticipantId("IM042"),
                Side.BUY,
                new Security("US0378331005"),
                new Quantity(quantity),
                new Price(new BigDecimal(price), currency),
                LocalDate.parse("2026-11-20"),
                LocalDate.parse("2026-11-23"),
                new Money(new BigDecimal(netAmount), currency),
                allocations,
                arrivalSequence,
                status,
                version,
                matchId,
                counterpartId);
    }
}
