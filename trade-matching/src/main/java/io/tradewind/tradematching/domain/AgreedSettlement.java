package io.tradewind.tradematching.domain;

import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.Side;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.model.values.Require;
import java.time.LocalDate;
import java.util.List;

/**
 * The agreed economics of a MATCHED pair from the investment manager's side, with its allocations: what egress turns
 * into settlement instructions.
 *
 * @param side the investment manager's side: BUY means the broker delivers and the accounts receive
 */
public record AgreedSettlement(
        Side side,
        ParticipantId executingBroker,
        Security security,
        LocalDate tradeDate,
        LocalDate settlementDate,
        Price price,
        List<Allocation> allocations) {
    public AgreedSettlement {
        Require.present(side, "side");
        Require.present(executingBroker, "executingBroker");
        Require.present(security, "security");
        Require.present(tradeDate, "tradeDate");
        Require.present(settlementDate, "settlementDate");
        Require.present(price, "price");
        allocations = List.copyOf(Require.present(allocations, "allocations"));
    }

    static AgreedSettlement of(BookedTrade investmentManager) {
        return new AgreedSettlement(
                investmentManager.side(),
                investmentManager.executingBroker(),
                investmentManager.security(),
                investmentManager.tradeDate(),
                investmentManager.settlementDate(),
                investmentManager.price(),
                investmentManager.allocations().stream()
                        .map(BookedAllocation::toAllocation)
                        .toList());
    }
}
