package io.tradewind.settlementmatching.stage.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.settlement.SettlementStatusReport;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.settlementmatching.flow.SettlementEvent;
import io.tradewind.settlementmatching.stage.RecordingStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EgressStageTest {
    private static final String DELIVER = "M-P1-1-DELIVER";
    private static final String RECEIVE = "M-P1-1-RECEIVE";
    private static final String SETTLEMENT_MATCH_ID = "SM-0123456789abcdef";
    private static final SettlementConfirmation CONFIRMATION =
            new SettlementConfirmation("SC-" + SETTLEMENT_MATCH_ID, SETTLEMENT_MATCH_ID, "M-P1", "1", DELIVER, RECEIVE);

    /** The confirmations egress stored, in memory. */
    private static final class ConfirmationsInMemory implements ConfirmationStore {
        final List<SettlementConfirmation> stored = new ArrayList<>();
        final List<String> log;

        ConfirmationsInMemory(List<String> log) {
            this.log = log;
        }

        @Override
        public void storeAll(List<SettlementConfirmation> confirmations) {
            if (!confirmations.isEmpty()) log.add("store confirmations");
            stored.addAll(confirmations);
        }
    }

    private final List<String> log = new ArrayList<>();
    private final RecordingStream outbound = new RecordingStream().onPut(() -> log.add("publish"));
    private final ConfirmationsInMemory confirmations = new ConfirmationsInMemory(log);
    private final EgressStage stage = new EgressStage(confirmations, outbound.ordered());

    private static SettlementEvent unmatched(String instructionId, String party) {
        return new SettlementEvent(
                SettlementEvent.reportId(instructionId, 1, SettlementStatus.UNMATCHED),
                SettlementStatus.UNMATCHED,
                instructionId,
                party,
                "SI-" + instructionId,
                1,
                null,
                null,
                List.of(),
                null);
    }

    /** The four events of a pair that matched and settled when its RECEIVE arrived after its DELIVER. */
    private static List<SettlementEvent> settledPair() {
        return List.of(
                paired(SettlementStatus.MATCHED, RECEIVE, "IM042", 1, DELIVER, null),
                paired(SettlementStatus.MATCHED, DELIVER, "BRK001", 2, RECEIVE, null),
                paired(SettlementStatus.SETTLED, RECEIVE, "IM042", 2, DELIVER, null),
                paired(SettlementStatus.SETTLED, DELIVER, "BRK001", 3, RECEIVE, CONFIRMATION));
    }

    private static SettlementEvent paired(
            SettlementStatus status,
            String instructionId,
            String party,
            int version,
            String counterpart,
            SettlementConfirmation confirmation) {
        return new SettlementEvent(
                SettlementEvent.reportId(instructionId, version, status),
                status,
                instructionId,
                party,
                "SI-" + instructionId,
                version,
                SETTLEMENT_MATCH_ID,
                counterpart,
                List.of(),
                confirmation);
    }

    private List<OutboundEnvelope> envelopes() {
        return outbound.records().stream().map(RecordingStream.Put::envelope).toList();
    }

    private List<OutboundEnvelope> sentTo(String queue) {
        return envelopes().stream().filter(e -> e.queue().equals(queue)).toList();
    }

    /** The envelopes on any participant's private settlement status queue. */
    private List<OutboundEnvelope> statusReports() {
        return envelopes().stream()
                .filter(e -> e.queue().startsWith("settlements.status."))
                .toList();
    }

    @Test
    void reportsAnEventOnThePrivateStatusQueueOfTheInstructionsParty() {
        stage.process(List.of(unmatched(DELIVER, "BRK001")));

        assertThat(outbound.records()).singleElement().satisfies(put -> {
            assertThat(put.partitionKey()).isEqualTo(DELIVER);
            OutboundEnvelope envelope = put.envelope();
            assertThat(envelope.broker()).isEqualTo("settlement-matching");
            assertThat(envelope.queue()).isEqualTo("settlements.status.BRK001");
            assertThat(envelope.messageId()).isEqualTo("SS-M-P1-1-DELIVER-v1-UNMATCHED");
            assertThat(WireCodec.decodeSettlementStatusReport(envelope.body()))
                    .isEqualTo(new SettlementStatusReport(
                            "SS-M-P1-1-DELIVER-v1-UNMATCHED",
                            "SI-M-P1-1-DELIVER",
                            DELIVER,
                            "BRK001",
                            SettlementStatus.UNMATCHED,
                            null,
                            null,
                            List.of()));
        });
        assertThat(confirmations.stored).isEmpty();
    }

    @Test
    void carriesTheReasonsOfAMismatchToTheParty() {
        List<StatusReason> reasons =
                List.of(new StatusReason("settlementAmount", "OUTSIDE_TOLERANCE", "99997.99", "100000.00"));
        SettlementEvent mismatched = new SettlementEvent(
                "SS-" + RECEIVE + "-v1-MISMATCHED",
                SettlementStatus.MISMATCHED,
                RECEIVE,
                "IM042",
                "SI-" + RECEIVE,
                1,
                null,
                DELIVER,
                reasons,
                null);

        stage.process(List.of(mismatched));

        assertThat(envelopes()).singleElement().satisfies(envelope -> {
            assertThat(envelope.queue()).isEqualTo("settlements.status.IM042");
            SettlementStatusReport report = WireCodec.decodeSettlementStatusReport(envelope.body());
            assertThat(report.status()).isEqualTo(SettlementStatus.MISMATCHED);
            assertThat(report.counterpartyInstructionId()).isEqualTo(DELIVER);
            assertThat(report.settlementMatchId()).isNull();
            assertThat(report.reasons()).isEqualTo(reasons);
        });
    }

    @Test
    void reportsEveryEventOfASettledPairAndConfirmsThePairOnceToTradeMatching() {
        stage.process(settledPair());

        assertThat(statusReports())
                .extracting(OutboundEnvelope::messageId, OutboundEnvelope::queue)
                .containsExactly(
                        tuple("SS-M-P1-1-RECEIVE-v1-MATCHED", "settlements.status.IM042"),
                        tuple("SS-M-P1-1-DELIVER-v2-MATCHED", "settlements.status.BRK001"),
                        tuple("SS-M-P1-1-RECEIVE-v2-SETTLED", "settlements.status.IM042"),
                        tuple("SS-M-P1-1-DELIVER-v3-SETTLED", "settlements.status.BRK001"));
        List<SettlementStatusReport> reports = statusReports().stream()
                .map(envelope -> WireCodec.decodeSettlementStatusReport(envelope.body()))
                .toList();
        assertThat(reports)
                .allSatisfy(report -> {
                    assertThat(report.settlementMatchId()).isEqualTo(SETTLEMENT_MATCH_ID);
                    assertThat(report.counterpartyInstructionId()).isNotEqualTo(report.instructionId());
                })
                .extracting(SettlementStatusReport::status)
                .containsExactly(
                        SettlementStatus.MATCHED,
                        SettlementStatus.MATCHED,
                        SettlementStatus.SETTLED,
                        SettlementStatus.SETTLED);
        assertThat(sentTo("settlements.confirmations")).singleElement().satisfies(envelope -> {
            assertThat(envelope.broker()).isEqualTo("trade-matching");
            assertThat(envelope.messageId()).isEqualTo("SC-" + SETTLEMENT_MATCH_ID);
            assertThat(WireCodec.decodeConfirmation(envelope.body())).isEqualTo(CONFIRMATION);
        });
        assertThat(confirmations.stored).containsExactly(CONFIRMATION);
    }

    @Test
    void keysReportsByInstructionAndTheConfirmationByItsSettlementMatch() {
        stage.process(settledPair());

        assertThat(outbound.records())
                .extracting(RecordingStream.Put::partitionKey)
                .containsExactly(RECEIVE, DELIVER, RECEIVE, DELIVER, SETTLEMENT_MATCH_ID);
    }

    @Test
    void storesTheConfirmationsBeforePublishingAnything() {
        stage.process(settledPair());

        assertThat(log).containsExactly("store confirmations", "publish");
    }

    @Test
    void buildsNoConfirmationForEventsThatCarryNone() {
        stage.process(List.of(
                unmatched(DELIVER, "BRK001"),
                settledPair().get(0),
                settledPair().get(2)));

        assertThat(sentTo("settlements.confirmations")).isEmpty();
        assertThat(statusReports()).hasSize(3);
        assertThat(confirmations.stored).isEmpty();
    }

    @Test
    void repeatsExactlyTheSameMessagesForAReplayedBatch() {
        stage.process(settledPair());
        stage.process(settledPair());

        List<OutboundEnvelope> sent = envelopes();
        assertThat(sent).hasSize(10);
        assertThat(sent.subList(5, 10)).isEqualTo(sent.subList(0, 5));
        assertThat(confirmations.stored).containsExactly(CONFIRMATION, CONFIRMATION);
    }
}
