package io.tradewind.tradematching.domain;

import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.model.values.Require;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One counterparty's trade as the book holds it: what the sender stated, where the trade stands ({@code status} at
 * {@code version}, each transition one version up) and, once paired, the pair's match id and the counterpart.
 *
 * @param messageId the NEW message that booked the trade, which its first status report answers
 * @param arrivalSequence the order the book received trades in (smaller = earlier); it breaks ties between candidates
 * @param matchId the pair the trade is in, or was in when it was cancelled or settled; null when never paired or
 *     released
 * @param counterpartId the other trade of that pair, null likewise
 */
public record BookedTrade(
        TradeId id,
        ParticipantId sender,
        SenderRole role,
        String tradeRef,
        String messageId,
        ParticipantId executingBroker,
        ParticipantId investmentManager,
        Side side,
        Security security,
        Quantity quantity,
        Price price,
        LocalDate tradeDate,
        LocalDate settlementDate,
        Money netAmount,
        List<BookedAllocation> allocations,
        long arrivalSequence,
        BookStatus status,
        int version,
        String matchId,
        TradeId counterpartId) {

    public BookedTrade {
        Require.present(id, "id");
        Require.present(sender, "sender");
        Require.present(role, "role");
        if (!id.equals(TradeId.of(sender, tradeRef)))
            throw new IllegalArgumentException(
                    "id must be senderId|tradeRef (" + TradeId.of(sender, tradeRef) + "): " + id);
        Require.present(executingBroker, "executingBroker");
        Require.present(investmentManager, "investmentManager");
        Require.present(side, "side");
        Require.present(security, "security");
        Require.present(quantity, "quantity");
        Require.present(price, "price");
        Require.present(tradeDate, "tradeDate");
        Require.present(settlementDate, "settlementDate");
        Require.present(netAmount, "netAmount");
        if (!price.currency().equals(netAmount.currency()))
            throw new IllegalArgumentException(
                    "netAmount currency " + netAmount.currency() + " differs from price currency " + price.currency());
        allocations = List.copyOf(Require.present(allocations, "allocations"));
        Require.present(status, "status");
        if (version < 0) throw new IllegalArgumentException("version must not be negative: " + version);
    }

    /** The six fields both sides must state alike to pair. */
    public PairingKey pairingKey() {
        return new PairingKey(
                executingBroker.value(), investmentManager.value(), side, security.isin(), tradeDate, quantity.units());
    }

    /** How many of the trade's allocations are not settled yet. */
    public long unsettledAllocations() {
        return allocations.stream().filter(a -> !a.settled()).count();
    }

    /** The trade as the matcher compares it. */
    TradeSide toSide() {
        return new TradeSide(
                id.value(),
                sender.value(),
                role,
                tradeRef,
                pairingKey(),
                price.perUnit(),
                price.currency(),
                settlementDate,
                netAmount.amount(),
                allocations.stream().map(BookedAllocation::split).toList(),
                arrivalSequence);
    }

    /** The same trade at its next version, in {@code newStatus}, paired as given (null: unpaired). */
    BookedTrade moved(BookStatus newStatus, String newMatchId, TradeId newCounterpartId) {
        return with(allocations, newStatus, version + 1, newMatchId, newCounterpartId);
    }

    /** The same trade with these allocations, for a reader that loads a trade's allocations after the trade. */
    public BookedTrade withAllocations(List<BookedAllocation> newAllocations) {
        return with(newAllocations, status, version, matchId, counterpartId);
    }

    private BookedTrade with(
            List<BookedAllocation> newAllocations,
            BookStatus newStatus,
            int newVersion,
            String newMatchId,
            TradeId newCounterpartId) {
        return new BookedTrade(
                id,
                sender,
                role,
                tradeRef,
                messageId,
                executingBroker,
                investmentManager,
                side,
                security,
                quantity,
                price,
                tradeDate,
                settlementDate,
                netAmount,
                newAllocations,
                arrivalSequence,
                newStatus,
                newVersion,
                newMatchId,
                newCounterpartId);
    }

    /** The same trade with allocation {@code allocationId} settled; its version does not change. */
    BookedTrade withAllocationSettled(String allocationId) {
        List<BookedAllocation> marked = new ArrayList<>(allocations.size());
        for (BookedAllocation a : allocations)
            marked.add(a.allocationId().equals(allocationId) ? a.markedSettled() : a);
        return withAllocations(marked);
    }
}
