package io.tradewind.settlementmatching.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.settlementmatching.domain.InstructionEvent;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionMatched;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionMismatched;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionSettled;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionUnmatched;
import io.tradewind.settlementmatching.domain.InstructionId;
import io.tradewind.settlementmatching.domain.SettlementMismatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The flow record of the lifecycle's events keeps the form egress, the match_event table and reconciliation read, and
 * a kept record gives back exactly the event it was made from (a replay repeats it).
 */
class SettlementEventTest {
    private static final InstructionId DELIVERY = new InstructionId("M-1|1|DELIVER");
    private static final InstructionId RECEIPT = new InstructionId("M-1|1|RECEIVE");
    private static final ParticipantId BROKER = new ParticipantId("BRK001");
    private static final SettlementConfirmation CONFIRMATION =
            new SettlementConfirmation("SC-SM-1", "SM-1", "M-1", "1", DELIVERY.value(), RECEIPT.value());

    @Test
    void aSettledDeliveryTravelsAsItsStatusReportWithTheConfirmation() {
        SettlementEvent record = SettlementEvent.of(
                new InstructionSettled(DELIVERY, BROKER, "TW-1", 3, "SM-1", RECEIPT, Optional.of(CONFIRMATION)));

        assertThat(record)
                .isEqualTo(new SettlementEvent(
                        "SS-M-1|1|DELIVER-v3-SETTLED",
                        SettlementStatus.SETTLED,
                        DELIVERY.value(),
                        "BRK001",
                        "TW-1",
                        3,
                        "SM-1",
                        RECEIPT.value(),
                        List.of(),
                        CONFIRMATION));
    }

    @Test
    void aMismatchTravelsWithItsReasonsAndNoPair() {
        SettlementEvent record = SettlementEvent.of(new InstructionMismatched(
                DELIVERY,
                BROKER,
                "TW-1",
                2,
                RECEIPT,
                List.of(new SettlementMismatch("quantity", "DIFFERENT", "600", "500"))));

        assertThat(record.reportMessageId()).isEqualTo("SS-M-1|1|DELIVER-v2-MISMATCHED");
        assertThat(record.settlementMatchId()).isNull();
        assertThat(record.counterpartyInstructionId()).isEqualTo(RECEIPT.value());
        assertThat(record.reasons()).containsExactly(new StatusReason("quantity", "DIFFERENT", "600", "500"));
    }

    @Test
    void everyKindOfEventComesBackFromItsKeptJson() {
        List<InstructionEvent> events = List.of(
                new InstructionUnmatched(DELIVERY, BROKER, "TW-1", 1),
                new InstructionMismatched(
                        DELIVERY,
                        BROKER,
                        "TW-1",
                        2,
                        RECEIPT,
                        List.of(new SettlementMismatch("settlementAmount", "OUTSIDE_TOLERANCE", "1.00", "99.00"))),
                new InstructionMatched(DELIVERY, BROKER, "TW-1", 3, "SM-1", RECEIPT),
                new InstructionSettled(DELIVERY, BROKER, "TW-1", 4, "SM-1", RECEIPT, Optional.of(CONFIRMATION)),
                new InstructionSettled(RECEIPT, BROKER, "TW-2", 2, "SM-1", DELIVERY, Optional.empty()));

        for (InstructionEvent event : events) {
            byte[] kept = FlowJson.encode(SettlementEvent.of(event));
            assertThat(FlowJson.decode(kept, SettlementEvent.class).toDomain()).isEqualTo(event);
        }
    }

    @Test
    void theJsonKeepsTheFieldsItAlwaysHad() {
        String json = new String(
                FlowJson.encode(SettlementEvent.of(new InstructionUnmatched(DELIVERY, BROKER, "TW-1", 1))),
                StandardCharsets.UTF_8);

        assertThat(json)
                .contains(
                        "\"reportMessageId\":\"SS-M-1|1|DELIVER-v1-UNMATCHED\"",
                        "\"status\":\"UNMATCHED\"",
                        "\"instructionId\":\"M-1|1|DELIVER\"",
                        "\"party\":\"BRK001\"",
                        "\"inReplyTo\":\"TW-1\"",
                        "\"version\":1")
                .doesNotContain("domain", "toDomain");
    }
}
