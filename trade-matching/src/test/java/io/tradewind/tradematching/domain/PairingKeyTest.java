package io.tradewind.tradematching.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.trade.Side;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PairingKeyTest {
    private static final LocalDate TRADE_DATE = LocalDate.parse("2026-11-20");

    @Test
    void partitionKeyJoinsTheSixFieldsWithPipes() {
        PairingKey key = new PairingKey("BRK001", "IM042", Side.BUY, "US0378331005", TRADE_DATE, 1000);

        assertThat(key.asPartitionKey()).isEqualTo("BRK001|IM042|BUY|US0378331005|2026-11-20|1000");
    }

    @Test
    void bothSidesOfATradeShareThePartitionKey() {
        assertThat(TradeSides.aBrokerSide().build().pairingKey().asPartitionKey())
                .isEqualTo(TradeSides.anInvestmentManagerSide()
                        .build()
                        .pairingKey()
                        .asPartitionKey());
    }

    @Test
    void hashesAnOverlongPartitionKeyToAStableOneWithinKinesisLimit() {
        String longSecurity = "X".repeat(300);
        PairingKey key = new PairingKey("BRK001", "IM042", Side.BUY, longSecurity, TRADE_DATE, 1000);
        PairingKey other = new PairingKey("BRK001", "IM042", Side.SELL, longSecurity, TRADE_DATE, 1000);

        assertThat(key.asPartitionKey())
                .hasSizeLessThanOrEqualTo(256)
                .matches("H\\|[0-9a-f]{64}")
                .isEqualTo(new PairingKey("BRK001", "IM042", Side.BUY, longSecurity, TRADE_DATE, 1000).asPartitionKey())
                .isNotEqualTo(other.asPartitionKey());
    }

    @Test
    void rejectsANonPositiveQuantityNamingTheField() {
        assertThatThrownBy(() -> new PairingKey("BRK001", "IM042", Side.BUY, "US0378331005", TRADE_DATE, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quantity");
    }

    @Test
    void rejectsABlankSecurityNamingTheField() {
        assertThatThrownBy(() -> new PairingKey("BRK001", "IM042", Side.BUY, " ", TRADE_DATE, 1000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("security");
    }
}
