package io.tradewind.tradematching.stage.egress;

import io.tradewind.model.settlement.Direction;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.Side;
import io.tradewind.tradematching.flow.TradeEvent;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The two instructions of each allocation of a MATCHED trade: the seller delivers, the buyer receives, each naming the
 * other as counterparty. When the investment manager buys, the broker delivers to the allocation's account; when it
 * sells, the account delivers to the broker.
 */
public final class SettlementInstructions {
    private SettlementInstructions() {}

    public static List<SettlementInstruction> of(String matchId, TradeEvent.MatchedSettlement trade) {
        List<SettlementInstruction> instructions =
                new ArrayList<>(trade.allocations().size() * 2);
        for (Allocation allocation : trade.allocations()) {
            String seller = trade.side() == Side.BUY ? trade.executingBroker() : allocation.account();
            String buyer = trade.side() == Side.BUY ? allocation.account() : trade.executingBroker();
            instructions.add(instruction(matchId, trade, allocation, Direction.DELIVER, seller, buyer));
            instructions.add(instruction(matchId, trade, allocation, Direction.RECEIVE, buyer, seller));
        }
        return instructions;
    }

    private static SettlementInstruction instruction(
            String matchId,
            TradeEvent.MatchedSettlement trade,
            Allocation allocation,
            Direction direction,
            String party,
            String counterparty) {
        String instructionId = matchId + "-" + allocation.allocationId() + "-" + direction.name();
        return new SettlementInstruction(
                "SI-" + instructionId,
                instructionId,
                matchId,
                allocation.allocationId(),
                direction,
                party,
                counterparty,
                trade.security(),
                allocation.quantity(),
                trade.price()
                        .multiply(java.math.BigDecimal.valueOf(allocation.quantity()))
                        .setScale(2, RoundingMode.HALF_UP),
                trade.currency(),
                trade.tradeDate(),
                trade.settlementDate());
    }
}
