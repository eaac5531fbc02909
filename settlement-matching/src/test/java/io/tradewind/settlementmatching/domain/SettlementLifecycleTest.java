package io.tradewind.settlementmatching.domain;

import static io.tradewind.settlementmatching.domain.Instructions.aDelivery;
import static io.tradewind.settlementmatching.domain.Instructions.aReceipt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionMatched;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionMismatched;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionSettled;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionUnmatched;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settlement book's state machine, batch by batch, with no database: what each command decides and changes. */
class SettlementLifecycleTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final InstructionId DELIVERY = new InstructionId(Instructions.MATCH_ID + "|1|DELIVER");
    private static final InstructionId RECEIPT = new InstructionId(Instructions.MATCH_ID + "|1|RECEIVE");
    private static final ParticipantId BROKER = new ParticipantId("BRK001");
    private static final ParticipantId MANAGER = new ParticipantId("IM042");
    private static final String PAIR = SettlementMatchIds.of(DELIVERY.value(), RECEIPT.value());

    private final SettlementLifecycle lifecycle = new SettlementLifecycle(
            new SettlementMatcher(SettlementTolerances.csdr()), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void waitsUnmatchedWhenNoCounterpartIsOpen() {
        SettlementLifecycle.Batch batch = lifecycle.begin(List.of(aDelivery().received(1)));

        assertThat(batch.decide(DELIVERY))
                .containsExactly(new InstructionUnmatched(DELIVERY, BROKER, "TW-" + DELIVERY, 1));
        assertThat(batch.changes()).containsExactly(change(DELIVERY, InstructionStatus.UNMATCHED, 1, null, null));
        assertThat(batch.settledPairs()).isEmpty();
    }

    @Test
    void matchesSettlesAndConfirmsThePairAtOnceWhenTheCounterpartAgrees() {
        SettlementLifecycle.Batch batch = lifecycle.begin(
                List.of(aDelivery().waitingUnmatched(1), aReceipt().received(2)));

        List<InstructionEvent> events = batch.decide(RECEIPT);

        SettlementConfirmation confirmation = new SettlementConfirmation(
                "SC-" + PAIR, PAIR, Instructions.MATCH_ID, "1", DELIVERY.value(), RECEIPT.value());
        // The incoming side first, each side MATCHED then SETTLED; only the DELIVER side confirms the pair.
        assertThat(events)
                .containsExactly(
                        new InstructionMatched(RECEIPT, MANAGER, "TW-" + RECEIPT, 1, PAIR, DELIVERY),
                        new InstructionMatched(DELIVERY, BROKER, "TW-" + DELIVERY, 2, PAIR, RECEIPT),
                        new InstructionSettled(RECEIPT, MANAGER, "TW-" + RECEIPT, 2, PAIR, DELIVERY, Optional.empty()),
                        new InstructionSettled(
                                DELIVERY, BROKER, "TW-" + DELIVERY, 3, PAIR, RECEIPT, Optional.of(confirmation)));
        assertThat(batch.changes())
                .containsExactly(
                        change(RECEIPT, InstructionStatus.SETTLED, 2, PAIR, DELIVERY),
                        change(DELIVERY, InstructionStatus.SETTLED, 3, PAIR, RECEIPT));
        assertThat(batch.settledPairs()).containsExactly(new SettledPair(PAIR, DELIVERY, RECEIPT, NOW));
    }

    @Test
    void theDeliverSideConfirmsThePairWhenItArrivesSecond() {
        SettlementLifecycle.Batch batch = lifecycle.begin(
                List.of(aReceipt().waitingUnmatched(1), aDelivery().received(2)));

        List<InstructionEvent> events = batch.decide(DELIVERY);

        assertThat(events)
                .extracting(InstructionEvent::instructionId)
                .containsExactly(DELIVERY, RECEIPT, DELIVERY, RECEIPT);
        assertThat(confirmations(events))
                .containsExactly(new SettlementConfirmation(
                        "SC-" + PAIR, PAIR, Instructions.MATCH_ID, "1", DELIVERY.value(), RECEIPT.value()));
        assertThat(((InstructionSettled) events.get(2)).confirmation()).isPresent();
        assertThat(batch.settledPairs()).containsExactly(new SettledPair(PAIR, DELIVERY, RECEIPT, NOW));
    }

    @Test
    void matchesWhenNetAmountWithinTolerance() {
        SettlementLifecycle.Batch batch = lifecycle.begin(List.of(
                aDelivery().waitingUnmatched(1),
                aReceipt().withAmount("112375.00").received(2)));

        assertThat(batch.decide(RECEIPT)).first().isInstanceOf(InstructionMatched.class);
    }

    @Test
    void mismatchesBothSidesWhenNetAmountOutsideTolerance() {
        SettlementLifecycle.Batch batch = lifecycle.begin(List.of(
                aDelivery().waitingUnmatched(1),
                aReceipt().withAmount("112375.01").received(2)));

        List<InstructionEvent> events = batch.decide(RECEIPT);

        SettlementMismatch amount = new SettlementMismatch(
                SettlementMismatch.SETTLEMENT_AMOUNT, SettlementMismatch.OUTSIDE_TOLERANCE, "112375.01", "112350.00");
        // Each side is told its own value as "ours".
        assertThat(events)
                .containsExactly(
                        new InstructionMismatched(RECEIPT, MANAGER, "TW-" + RECEIPT, 1, DELIVERY, List.of(amount)),
                        new InstructionMismatched(
                                DELIVERY, BROKER, "TW-" + DELIVERY, 2, RECEIPT, List.of(amount.reversed())));
        assertThat(batch.changes())
                .containsExactly(
                        change(RECEIPT, InstructionStatus.MISMATCHED, 1, null, DELIVERY),
                        change(DELIVERY, InstructionStatus.MISMATCHED, 2, null, RECEIPT));
        assertThat(batch.settledPairs()).isEmpty();
    }

    @Test
    void doesNotTellACounterpartAlreadyMismatchedAgain() {
        SettlementLifecycle.Batch batch = lifecycle.begin(List.of(
                aDelivery().waitingMismatched(1), aReceipt().withQuantity(500).received(2)));

        List<InstructionEvent> events = batch.decide(RECEIPT);

        assertThat(events).extracting(InstructionEvent::instructionId).containsExactly(RECEIPT);
        assertThat(events.get(0)).isInstanceOf(InstructionMismatched.class);
        assertThat(batch.changes()).extracting(InstructionChange::instructionId).containsExactly(RECEIPT);
    }

    @Test
    void aMismatchedInstructionStillMatchesACounterpartThatAgrees() {
        InstructionId secondReceipt = new InstructionId("R-2");
        SettlementLifecycle.Batch batch = lifecycle.begin(List.of(
                aDelivery().waitingMismatched(1),
                aReceipt().withInstructionId("R-2").received(3)));

        List<InstructionEvent> events = batch.decide(secondReceipt);

        assertThat(events)
                .extracting(InstructionEvent::status)
                .extracting(Enum::name)
                .containsExactly("MATCHED", "MATCHED", "SETTLED", "SETTLED");
        // The MISMATCHED delivery was at version 1: it moves to 2 (MATCHED), then 3 (SETTLED).
        assertThat(events).extracting(InstructionEvent::version).containsExactly(1, 2, 2, 3);
    }

    @Test
    void decidesAnInstructionOnlyWhileItIsReceived() {
        SettlementLifecycle.Batch batch = lifecycle.begin(List.of(aDelivery().waitingUnmatched(1)));

        assertThat(batch.decide(DELIVERY)).isEmpty();
        assertThat(batch.changes()).isEmpty();
    }

    @Test
    void decidingTheSameInstructionAgainInOneBatchChangesNothing() {
        SettlementLifecycle.Batch batch = lifecycle.begin(List.of(aDelivery().received(1)));
        batch.decide(DELIVERY);

        assertThat(batch.decide(DELIVERY)).isEmpty();
        assertThat(batch.changes()).containsExactly(change(DELIVERY, InstructionStatus.UNMATCHED, 1, null, null));
    }

    @Test
    void pairsWithAnInstructionAnEarlierCommandOfTheSameBatchOpened() {
        SettlementLifecycle.Batch batch =
                lifecycle.begin(List.of(aDelivery().received(1), aReceipt().received(2)));

        assertThat(batch.decide(DELIVERY)).first().isInstanceOf(InstructionUnmatched.class);
        List<InstructionEvent> events = batch.decide(RECEIPT);

        assertThat(events).extracting(InstructionEvent::version).containsExactly(1, 2, 2, 3);
        // The delivery's UNMATCHED at version 1 is overwritten by its last state: one write per instruction.
        assertThat(batch.changes())
                .containsExactly(
                        change(DELIVERY, InstructionStatus.SETTLED, 3, PAIR, RECEIPT),
                        change(RECEIPT, InstructionStatus.SETTLED, 2, PAIR, DELIVERY));
    }

    @Test
    void neverPairsAnInstructionTwice() {
        InstructionId secondReceipt = new InstructionId("R-2");
        SettlementLifecycle.Batch batch = lifecycle.begin(List.of(
                aDelivery().waitingUnmatched(1),
                aReceipt().received(2),
                aReceipt().withInstructionId("R-2").received(3)));

        assertThat(batch.decide(RECEIPT)).hasSize(4);

        // The delivery SETTLED with the first receipt: the second one finds nobody open.
        assertThat(batch.decide(secondReceipt))
                .containsExactly(new InstructionUnmatched(secondReceipt, MANAGER, "TW-R-2", 1));
        assertThat(batch.settledPairs()).hasSize(1);
    }

    @Test
    void anOpenInstructionFacingTheSameWayIsNoCandidate() {
        SettlementLifecycle.Batch batch = lifecycle.begin(List.of(
                aDelivery().withInstructionId("D-0").waitingUnmatched(1),
                aDelivery().received(2)));

        assertThat(batch.decide(DELIVERY)).first().isInstanceOf(InstructionUnmatched.class);
    }

    @Test
    void aSettledInstructionIsNoCandidate() {
        BookedInstruction settled = new BookedInstruction(aDelivery().build(), 1, InstructionStatus.SETTLED, 3);
        SettlementLifecycle.Batch batch =
                lifecycle.begin(List.of(settled, aReceipt().received(2)));

        assertThat(batch.decide(RECEIPT)).first().isInstanceOf(InstructionUnmatched.class);
    }

    @Test
    void anInstructionOfAnotherPairingKeyIsNoCandidate() {
        SettlementLifecycle.Batch batch = lifecycle.begin(List.of(
                aDelivery().withCounterparty("IM777").waitingUnmatched(1),
                aReceipt().received(2)));

        assertThat(batch.decide(RECEIPT)).first().isInstanceOf(InstructionUnmatched.class);
    }

    @Test
    void prefersTheOlderOfTwoEquallyGoodCandidates() {
        SettlementLifecycle.Batch batch = lifecycle.begin(List.of(
                aDelivery().withInstructionId("D-new").waitingUnmatched(5),
                aDelivery().withInstructionId("D-old").waitingUnmatched(4),
                aReceipt().received(6)));

        InstructionMatched matched = (InstructionMatched) batch.decide(RECEIPT).get(0);

        assertThat(matched.counterpart()).isEqualTo(new InstructionId("D-old"));
    }

    @Test
    void refusesACommandForAnInstructionTheBookDidNotLock() {
        SettlementLifecycle.Batch batch = lifecycle.begin(List.of(aDelivery().received(1)));

        assertThatThrownBy(() -> batch.decide(RECEIPT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(RECEIPT.value());
    }

    @Test
    void theSameDecisionsWhicheverSideArrivesFirst() {
        SettlementLifecycle.Batch deliveryFirst = lifecycle.begin(
                List.of(aDelivery().waitingUnmatched(1), aReceipt().received(2)));
        SettlementLifecycle.Batch receiptFirst = lifecycle.begin(
                List.of(aReceipt().waitingUnmatched(1), aDelivery().received(2)));

        assertThat(confirmations(deliveryFirst.decide(RECEIPT)))
                .isEqualTo(confirmations(receiptFirst.decide(DELIVERY)));
    }

    private static InstructionChange change(
            InstructionId id, InstructionStatus status, int version, String pair, InstructionId counterpart) {
        return new InstructionChange(id, status, version, pair, counterpart);
    }

    private static List<SettlementConfirmation> confirmations(List<InstructionEvent> events) {
        return events.stream()
                .filter(InstructionSettled.class::isInstance)
                .map(e -> ((InstructionSettled) e).confirmation())
                .flatMap(Optional::stream)
                .toList();
    }
}
