package io.tradewind.tradematching.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.topology.Queues;
import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.Side;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.platform.gateway.JournalEntry;
import io.tradewind.platform.reconciliation.InputFatesProvider;
import io.tradewind.tradematching.flow.TradeEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresTradeInputFatesTest {
    private final PostgresTradeInputFates fates = new PostgresTradeInputFates();

    @Test
    void aRejectedTradeIsAnsweredByItsRejectedReport() {
        assertThat(fates.ofRejection(journaled("BRK001|m1", Queues.TRADES_INBOUND)))
                .containsExactly("TR-BRK001|m1");
    }

    @Test
    void aRejectedConfirmationIsAnsweredToNobody() {
        assertThat(fates.ofRejection(journaled("settlement-matching|SC-1", Queues.SETTLEMENTS_CONFIRMATIONS)))
                .isEmpty();
    }

    @Test
    void aMatchedEventImpliesItsReportAndTheTwoInstructionsOfEachAllocation() {
        TradeEvent.MatchedSettlement settlement = new TradeEvent.MatchedSettlement(
                Side.BUY,
                "BRK001",
                "US0378331005",
                LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 11, 23),
                new BigDecimal("187.2500"),
                "USD",
                List.of(new Allocation("1", "ACC-1", 600), new Allocation("2", "ACC-2", 400)));
        assertThat(fates.ofEvent(event("TS-IM042|T1-v1-MATCHED", TradeStatus.MATCHED, "M-1", settlement)))
                .containsExactly(
                        "TS-IM042|T1-v1-MATCHED",
                        "SI-M-1-1-DELIVER",
                        "SI-M-1-1-RECEIVE",
                        "SI-M-1-2-DELIVER",
                        "SI-M-1-2-RECEIVE");
    }

    @Test
    void anEventWithoutSettlementImpliesOnlyItsReport() {
        assertThat(fates.ofEvent(event("TS-BRK001|T1-v1-MATCHED", TradeStatus.MATCHED, "M-1", null)))
                .containsExactly("TS-BRK001|T1-v1-MATCHED");
    }

    @Test
    void reconciliationFindsTradeMatchingByItsName() {
        assertThat(InputFatesProvider.of("trade-matching")).isInstanceOf(PostgresTradeInputFates.class);
    }

    private static TradeEvent event(
            String reportId, TradeStatus status, String matchId, TradeEvent.MatchedSettlement settlement) {
        return new TradeEvent(
                reportId,
                status,
                new TradeEvent.TradeRef("IM042|T1", "IM042", "T1"),
                "m1",
                1,
                matchId,
                null,
                List.of(),
                settlement);
    }

    private static JournalEntry journaled(String key, String source) {
        return new JournalEntry(key, "{}", "p", "ID:1", Instant.EPOCH, source, 2);
    }
}
