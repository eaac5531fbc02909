package io.tradewind.tradematching.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.Side;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.tradematching.domain.AgreedSettlement;
import io.tradewind.tradematching.domain.MatchReason;
import io.tradewind.tradematching.domain.Price;
import io.tradewind.tradematching.domain.Security;
import io.tradewind.tradematching.domain.TradeId;
import io.tradewind.tradematching.domain.TradeLifecycleEvent;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.CancelRefused;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeCancelled;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeMatched;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeMismatched;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeSettled;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeUnmatched;
import io.tradewind.tradematching.domain.TradeRef;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lifecycle's events as the flow records egress decodes and the book records per input. */
class TradeEventsTest {
    private static final TradeRef BROKER = new TradeRef(new TradeId("BRK001|T1"), new ParticipantId("BRK001"), "T1");
    private static final TradeRef MANAGER = new TradeRef(new TradeId("IM042|T7"), new ParticipantId("IM042"), "T7");
    private static final AgreedSettlement SETTLEMENT = new AgreedSettlement(
            Side.BUY,
            new ParticipantId("BRK001"),
            new Security("US0378331005"),
            LocalDate.parse("2026-11-20"),
            LocalDate.parse("2026-11-23"),
            new Price(new BigDecimal("187.2500"), "USD"),
            List.of(new Allocation("1", "ACC-1", 600), new Allocation("2", "ACC-2", 400)));

    @Test
    void aMatchedEventIsReportedUnderItsVersionedIdWithTheSettlementInstructions() {
        TradeEvent event =
                TradeEvents.of(new TradeMatched(MANAGER, "NEW-T7", 1, "M-1", BROKER, Optional.of(SETTLEMENT)));

        assertThat(FlowJson.encode(event))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"reportMessageId\":\"TS-IM042|T7-v1-MATCHED\",\"status\":\"MATCHED\","
                        + "\"trade\":{\"tradeId\":\"IM042|T7\",\"senderId\":\"IM042\",\"tradeRef\":\"T7\"},"
                        + "\"inReplyTo\":\"NEW-T7\",\"version\":1,\"matchId\":\"M-1\","
                        + "\"counterpart\":{\"tradeId\":\"BRK001|T1\",\"senderId\":\"BRK001\",\"tradeRef\":\"T1\"},"
                        + "\"reasons\":[],\"settlement\":{\"side\":\"BUY\",\"executingBroker\":\"BRK001\","
                        + "\"security\":\"US0378331005\",\"tradeDate\":\"2026-11-20\",\"settlementDate\":\"2026-11-23\","
                        + "\"price\":187.2500,\"currency\":\"USD\",\"allocations\":[{\"allocationId\":\"1\","
                        + "\"account\":\"ACC-1\",\"quantity\":600},{\"allocationId\":\"2\",\"account\":\"ACC-2\","
                        + "\"quantity\":400}]}}");
    }

    @Test
    void aRefusedCancelIsARejectionNamedAfterTheCancelsInputKey() {
        TradeEvent event = TradeEvents.of(new CancelRefused(
                BROKER,
                "BRK001|cancel-1",
                "C-1",
                3,
                Optional.of("M-1"),
                "ALREADY_SETTLED",
                "a settled trade cannot be cancelled"));

        assertThat(event)
                .isEqualTo(new TradeEvent(
                        "TR-BRK001|cancel-1",
                        TradeStatus.REJECTED,
                        new TradeEvent.TradeRef("BRK001|T1", "BRK001", "T1"),
                        "C-1",
                        3,
                        "M-1",
                        null,
                        List.of(new StatusReason(
                                "tradeRef", "ALREADY_SETTLED", "T1", "a settled trade cannot be cancelled")),
                        null));
    }

    @Test
    void aMismatchKeepsTheReasonsAsTheReportedTradeStatesThem() {
        TradeEvent event = TradeEvents.of(new TradeMismatched(
                BROKER, "NEW-T1", 2, "M-1", MANAGER, List.of(new MatchReason("currency", "DIFFERENT", "USD", "EUR"))));

        assertThat(event.reportMessageId()).isEqualTo("TS-BRK001|T1-v2-MISMATCHED");
        assertThat(event.reasons()).containsExactly(new StatusReason("currency", "DIFFERENT", "USD", "EUR"));
        assertThat(event.settlement()).isNull();
    }

    @Test
    void everyEventComesBackFromItsRecordAsItWasAndEncodesToTheSameBytes() {
        List<TradeLifecycleEvent> events = List.of(
                new TradeMatched(MANAGER, "NEW-T7", 1, "M-1", BROKER, Optional.of(SETTLEMENT)),
                new TradeMatched(BROKER, "NEW-T1", 2, "M-1", MANAGER, Optional.empty()),
                new TradeMismatched(
                        BROKER, "NEW-T1", 2, "M-1", MANAGER, List.of(new MatchReason("price", "DIFFERENT", "1", "2"))),
                new TradeUnmatched(BROKER, "NEW-T1", 1),
                new TradeCancelled(BROKER, "C-1", 3, Optional.of("M-1"), Optional.of(MANAGER)),
                new TradeCancelled(BROKER, "C-1", 2, Optional.empty(), Optional.empty()),
                new TradeSettled(MANAGER, "SC-2", 2, "M-1", BROKER),
                new CancelRefused(BROKER, "BRK001|cancel-1", "C-1", 1, Optional.empty(), "ALREADY_CANCELLED", "no"));

        for (TradeLifecycleEvent event : events) {
            byte[] recorded = FlowJson.encode(TradeEvents.of(event));
            TradeLifecycleEvent replayed = TradeEvents.lifecycleEventOf(FlowJson.decode(recorded, TradeEvent.class));

            assertThat(replayed).isEqualTo(event);
            assertThat(FlowJson.encode(TradeEvents.of(replayed))).isEqualTo(recorded);
        }
    }
}
