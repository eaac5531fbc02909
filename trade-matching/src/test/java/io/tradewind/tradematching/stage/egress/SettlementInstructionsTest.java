package io.tradewind.tradematching.stage.egress;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.settlement.Direction;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.Side;
import io.tradewind.tradematching.flow.TradeEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettlementInstructionsTest {

    private static TradeEvent.MatchedSettlement trade(Side side) {
        return new TradeEvent.MatchedSettlement(
                side,
                "BRK001",
                "US0378331005",
                LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 11, 23),
                new BigDecimal("187.2555"),
                "USD",
                List.of(new Allocation("1", "ACC-1", 600), new Allocation("2", "ACC-2", 400)));
    }

    @Test
    void buildsADeliverAndAReceivePerAllocation() {
        List<SettlementInstruction> instructions = SettlementInstructions.of("M-1", trade(Side.BUY));
        assertThat(instructions)
                .extracting(SettlementInstruction::instructionId)
                .containsExactly("M-1-1-DELIVER", "M-1-1-RECEIVE", "M-1-2-DELIVER", "M-1-2-RECEIVE");
        assertThat(instructions).extracting(SettlementInstruction::messageId).allMatch(id -> id.startsWith("SI-M-1-"));
    }

    @Test
    void theBrokerDeliversToTheAccountsWhenTheInvestmentManagerBuys() {
        SettlementInstruction deliver =
                SettlementInstructions.of("M-1", trade(Side.BUY)).get(0);
        assertThat(deliver.direction()).isEqualTo(Direction.DELIVER);
        assertThat(deliver.party()).isEqualTo("BRK001");
        assertThat(deliver.counterparty()).isEqualTo("ACC-1");
    }

    @Test
    void theAccountsDeliverToTheBrokerWhenTheInvestmentManagerSells() {
        List<SettlementInstruction> instructions = SettlementInstructions.of("M-1", trade(Side.SELL));
        assertThat(instructions.get(0).party()).isEqualTo("ACC-1");
        assertThat(instructions.get(0).counterparty()).isEqualTo("BRK001");
        assertThat(instructions.get(1).direction()).isEqualTo(Direction.RECEIVE);
        assertThat(instructions.get(1).party()).isEqualTo("BRK001");
    }

    @Test
    void settlementAmountIsPriceTimesAllocationQuantityRoundedToCents() {
        SettlementInstruction first =
                SettlementInstructions.of("M-1", trade(Side.BUY)).get(0);
        assertThat(first.settlementAmount()).isEqualTo(new BigDecimal("112353.30")); // 187.2555 * 600
        assertThat(first.quantity()).isEqualTo(600);
        assertThat(first.intendedSettlementDate()).isEqualTo(LocalDate.of(2026, 11, 23));
    }
}
