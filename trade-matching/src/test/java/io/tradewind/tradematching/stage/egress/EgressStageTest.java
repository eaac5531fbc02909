package io.tradewind.tradematching.stage.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.Side;
import io.tradewind.model.trade.StatusReport;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.stream.Ordered;
import io.tradewind.tradematching.flow.TradeEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wire contract v2: each trade's report goes to its sender's private status queue; instructions to settlement. */
class EgressStageTest {
    private final List<SettlementInstruction> stored = new ArrayList<>();
    private final List<Ordered<OutboundEnvelope>> published = new ArrayList<>();
    private final EgressStage stage = new EgressStage(stored::addAll, published::addAll);

    private static TradeEvent event(String senderId, TradeStatus status, TradeEvent.MatchedSettlement settlement) {
        String tradeId = senderId + "|T1";
        return new TradeEvent(
                TradeEvent.reportId(tradeId, 1, status),
                status,
                new TradeEvent.TradeRef(tradeId, senderId, "T1"),
                senderId + "-1",
                1,
                status == TradeStatus.UNMATCHED ? null : "M-1",
                null,
                List.of(),
                settlement);
    }

    private static TradeEvent.MatchedSettlement boughtByTheInvestmentManager() {
        return new TradeEvent.MatchedSettlement(
                Side.BUY,
                "BRK001",
                "US0378331005",
                LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 11, 23),
                new BigDecimal("187.2500"),
                "USD",
                List.of(new Allocation("1", "IM042-ACC-01", 1000)));
    }

    @Test
    void reportsEachTradeOnItsSendersPrivateStatusQueueOrderedBySender() {
        stage.process(
                List.of(event("BRK001", TradeStatus.UNMATCHED, null), event("IM042", TradeStatus.UNMATCHED, null)));

        assertThat(published)
                .extracting(Ordered::orderedBy, ordered -> ordered.value().broker(), ordered -> ordered.value()
                        .queue())
                .containsExactly(
                        tuple("BRK001", "trade-matching", "trades.status.BRK001"),
                        tuple("IM042", "trade-matching", "trades.status.IM042"));
        StatusReport report =
                WireCodec.decodeStatusReport(published.get(0).value().body());
        assertThat(report.senderId()).isEqualTo("BRK001");
        assertThat(report.messageId()).isEqualTo(published.get(0).value().messageId());
    }

    @Test
    void sendsTheInstructionsOfAMatchedTradeToSettlementOrderedByTheirParty() {
        stage.process(List.of(event("IM042", TradeStatus.MATCHED, boughtByTheInvestmentManager())));

        assertThat(published)
                .extracting(Ordered::orderedBy, ordered -> ordered.value().broker(), ordered -> ordered.value()
                        .queue())
                .containsExactly(
                        tuple("IM042", "trade-matching", "trades.status.IM042"),
                        tuple("BRK001", "settlement-matching", "settlements.inbound"),
                        tuple("IM042-ACC-01", "settlement-matching", "settlements.inbound"));
        assertThat(stored).extracting(SettlementInstruction::party).containsExactly("BRK001", "IM042-ACC-01");
    }
}
