package io.tradewind.tradematching.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.trade.SenderRole;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeSideTest {
    private final TradeSide template = TradeSides.aBrokerSide().build();

    private TradeSide withTradeIdAndAllocations(String tradeId, List<AllocationSplit> allocations) {
        return new TradeSide(
                tradeId,
                "BRK001",
                SenderRole.BROKER,
                "BRK001-T42",
                template.pairingKey(),
                new BigDecimal("187.2500"),
                "USD",
                LocalDate.parse("2026-11-23"),
                new BigDecimal("187250.00"),
                allocations,
                1);
    }

    @Test
    void tradeIdIsSenderIdAndTradeRef() {
        assertThat(template.tradeId()).isEqualTo("BRK001|BRK001-T42");
    }

    @Test
    void rejectsATradeIdThatIsNotSenderIdAndTradeRef() {
        assertThatThrownBy(() -> withTradeIdAndAllocations("BRK001-T42", template.allocations()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tradeId")
                .hasMessageContaining("BRK001|BRK001-T42");
    }

    @Test
    void keepsItsOwnCopyOfTheAllocations() {
        List<AllocationSplit> allocations = new ArrayList<>(List.of(new AllocationSplit("ACC-1", 1000)));
        TradeSide side = withTradeIdAndAllocations("BRK001|BRK001-T42", allocations);

        allocations.add(new AllocationSplit("ACC-2", 1));

        assertThat(side.allocations()).containsExactly(new AllocationSplit("ACC-1", 1000));
    }

    @Test
    void rejectsAnAllocationWithoutQuantity() {
        assertThatThrownBy(() -> new AllocationSplit("ACC-1", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity");
    }
}
