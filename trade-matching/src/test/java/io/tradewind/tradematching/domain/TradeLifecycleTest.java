package io.tradewind.tradematching.domain;

import static io.tradewind.tradematching.domain.Trades.aBrokerTrade;
import static io.tradewind.tradematching.domain.Trades.anInvestmentManagerTrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.tradewind.model.trade.Allocation;
import io.tradewind.tradematching.domain.BookChanges.DecidedPair;
import io.tradewind.tradematching.domain.BookChanges.SettledAllocation;
import io.tradewind.tradematching.domain.BookCommand.CancelTrade;
import io.tradewind.tradematching.domain.BookCommand.MatchTrade;
import io.tradewind.tradematching.domain.BookCommand.SettleAllocation;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.CancelRefused;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeCancelled;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeMatched;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeMismatched;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeSettled;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeUnmatched;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The book's state machine, rule by rule, on a locked book held in memory. */
class TradeLifecycleTest {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final TradeLifecycle lifecycle =
            new TradeLifecycle(new TradeMatcher(MatchingTolerances.defaults()), Clock.fixed(NOW, ZoneOffset.UTC));

    private final Trades broker = aBrokerTrade();
    private final Trades manager = anInvestmentManagerTrade();
    private final String pairId = MatchIds.of(broker.id().value(), manager.id().value());

    // ---------------------------------------------------------------- MATCH

    @Test
    void reportsAFirstDecisionWithoutCounterpartAsUnmatchedAtVersionOne() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook().with(broker));

        assertThat(batch.apply(match(broker))).containsExactly(new TradeUnmatched(ref(broker), broker.messageId(), 1));
        assertThat(batch.changes().trades()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(BookStatus.UNMATCHED);
            assertThat(t.version()).isEqualTo(1);
        });
    }

    @Test
    void decidesOnlyATradeStillWaitingForItsFirstDecision() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook().with(broker.unmatched()));

        assertThat(batch.apply(match(broker))).isEmpty();
        assertThat(batch.changes().trades()).isEmpty();
    }

    @Test
    void matchesBothSidesAndGivesTheSettlementOnlyToTheInvestmentManager() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook().with(broker.unmatched(), manager));

        List<TradeLifecycleEvent> events = batch.apply(match(manager));

        AgreedSettlement settlement = AgreedSettlement.of(manager.build());
        assertThat(settlement.allocations())
                .containsExactly(new Allocation("1", "ACC-1", 600), new Allocation("2", "ACC-2", 400));
        assertThat(events)
                .containsExactly(
                        new TradeMatched(
                                ref(manager), manager.messageId(), 1, pairId, ref(broker), Optional.of(settlement)),
                        new TradeMatched(ref(broker), broker.messageId(), 2, pairId, ref(manager), Optional.empty()));
        assertThat(batch.changes().pairs())
                .containsExactly(
                        new DecidedPair(pairId, manager.id(), broker.id(), BookStatus.MATCHED, List.of(), NOW));
    }

    @Test
    void givesTheSettlementToTheInvestmentManagerWhenTheBrokerArrivesSecond() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook().with(manager.unmatched(), broker));

        List<TradeLifecycleEvent> events = batch.apply(match(broker));

        assertThat(events)
                .extracting(e -> ((TradeMatched) e).settlement().isPresent())
                .containsExactly(false, true);
        assertThat(events.get(1).trade()).isEqualTo(ref(manager));
    }

    @Test
    void mismatchesWithReasonsMirroredForTheCounterpart() {
        Trades euroManager = manager.withCurrency("EUR");
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook().with(broker.unmatched(), euroManager));

        List<TradeLifecycleEvent> events = batch.apply(match(euroManager));

        assertThat(events)
                .containsExactly(
                        new TradeMismatched(
                                ref(euroManager),
                                euroManager.messageId(),
                                1,
                                pairId,
                                ref(broker),
                                List.of(new MatchReason("currency", "DIFFERENT", "EUR", "USD"))),
                        new TradeMismatched(
                                ref(broker),
                                broker.messageId(),
                                2,
                                pairId,
                                ref(euroManager),
                                List.of(new MatchReason("currency", "DIFFERENT", "USD", "EUR"))));
        assertThat(batch.changes().pairs()).singleElement().satisfies(pair -> assertThat(pair.outcome())
                .isEqualTo(BookStatus.MISMATCHED));
    }

    @Test
    void pairsWithTheCandidateWhosePriceIsClosest() {
        Trades far = aBrokerTrade()
                .withTradeRef("B-FAR")
                .withPrice("187.3000")
                .arrivedAs(1)
                .unmatched();
        Trades close = aBrokerTrade()
                .withTradeRef("B-CLOSE")
                .withPrice("187.2600")
                .arrivedAs(2)
                .unmatched();
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook().with(far, close, manager.arrivedAs(3)));

        List<TradeLifecycleEvent> events = batch.apply(match(manager));

        assertThat(((TradeMismatched) events.get(0)).counterpart()).isEqualTo(ref(close));
    }

    @Test
    void aTradeOfTheSameRoleIsNoCandidate() {
        Trades otherBroker = aBrokerTrade().withTradeRef("B-OTHER").unmatched();
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook().with(otherBroker, broker));

        assertThat(batch.apply(match(broker))).containsExactly(new TradeUnmatched(ref(broker), broker.messageId(), 1));
    }

    @Test
    void aTradeDecidedEarlierInTheBatchIsACandidateForALaterOne() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook().with(broker, manager));

        batch.apply(match(broker));

        assertThat(batch.apply(match(manager))).hasSize(2).allMatch(TradeMatched.class::isInstance);
        assertThat(batch.changes().trades())
                .extracting(BookedTrade::id, BookedTrade::status, BookedTrade::version)
                .containsExactly(tuple(broker.id(), BookStatus.MATCHED, 2), tuple(manager.id(), BookStatus.MATCHED, 1));
    }

    // ---------------------------------------------------------------- CANCEL

    @Test
    void cancelsAnUnmatchedTradeInReplyToTheCancel() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook().with(broker.unmatched()));

        assertThat(batch.apply(cancel(broker)))
                .containsExactly(new TradeCancelled(ref(broker), "CANCEL-1", 2, Optional.empty(), Optional.empty()));
    }

    @Test
    void decidesAStillReceivedTradeBeforeCancellingIt() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook().with(broker));

        assertThat(batch.apply(cancel(broker)))
                .containsExactly(
                        new TradeUnmatched(ref(broker), broker.messageId(), 1),
                        new TradeCancelled(ref(broker), "CANCEL-1", 2, Optional.empty(), Optional.empty()));
    }

    @Test
    void refusesToCancelASettledTradeAndChangesNothing() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook()
                .with(
                        broker.paired(BookStatus.SETTLED, pairId, manager, 3),
                        manager.paired(BookStatus.SETTLED, pairId, broker, 2)));

        assertThat(batch.apply(cancel(broker)))
                .containsExactly(new CancelRefused(
                        ref(broker),
                        "BRK001|cancel-1",
                        "CANCEL-1",
                        3,
                        Optional.of(pairId),
                        CancelDecision.ALREADY_SETTLED,
                        "a settled trade cannot be cancelled"));
        assertThat(batch.changes().trades()).isEmpty();
    }

    @Test
    void refusesToCancelATradeTwice() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook().with(broker.unmatched()));
        batch.apply(cancel(broker));

        assertThat(batch.apply(cancel(broker))).singleElement().isInstanceOfSatisfying(CancelRefused.class, refused -> {
            assertThat(refused.code()).isEqualTo(CancelDecision.ALREADY_CANCELLED);
            assertThat(refused.version()).isEqualTo(2);
        });
    }

    @Test
    void cancellingAPairedTradeReleasesItsCounterpartWithoutAnotherSideToPairWith() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook()
                .with(
                        broker.paired(BookStatus.MATCHED, pairId, manager, 2),
                        manager.paired(BookStatus.MATCHED, pairId, broker, 1)));

        assertThat(batch.apply(cancel(broker)))
                .as("the released side is told UNMATCHED once, and staying unpaired is no news")
                .containsExactly(
                        new TradeCancelled(ref(broker), "CANCEL-1", 3, Optional.of(pairId), Optional.of(ref(manager))),
                        new TradeUnmatched(ref(manager), manager.messageId(), 2));
        assertThat(batch.changes().trades())
                .extracting(BookedTrade::id, BookedTrade::status, BookedTrade::matchId, BookedTrade::counterpartId)
                .containsExactly(
                        tuple(broker.id(), BookStatus.CANCELLED, pairId, manager.id()),
                        tuple(manager.id(), BookStatus.UNMATCHED, null, null));
    }

    @Test
    void aReleasedCounterpartPairsAtOnceWithASideWaitingForTheSameTrade() {
        Trades waiting = aBrokerTrade().withTradeRef("B-WAITING").arrivedAs(5).unmatched();
        String newPair = MatchIds.of(waiting.id().value(), manager.id().value());
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook()
                .with(
                        broker.paired(BookStatus.MATCHED, pairId, manager, 2),
                        manager.paired(BookStatus.MATCHED, pairId, broker, 1),
                        waiting));

        List<TradeLifecycleEvent> events = batch.apply(cancel(broker));

        assertThat(events)
                .extracting(e -> e.getClass().getSimpleName() + " " + e.trade().id() + " v" + e.version())
                .containsExactly(
                        "TradeCancelled BRK001|BRK001-T42 v3",
                        "TradeUnmatched IM042|IM042-T7 v2",
                        "TradeMatched IM042|IM042-T7 v3",
                        "TradeMatched BRK001|B-WAITING v2");
        assertThat(((TradeMatched) events.get(2)).matchId()).isEqualTo(newPair);
        assertThat(((TradeMatched) events.get(2)).settlement()).isPresent();
        assertThat(batch.changes().pairs()).extracting(DecidedPair::matchId).containsExactly(newPair);
    }

    // ---------------------------------------------------------------- SETTLE

    @Test
    void settlesBothTradesOnTheLastUnsettledAllocationOfAMatchedPair() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook()
                .with(
                        broker.paired(BookStatus.MATCHED, pairId, manager, 2),
                        manager.paired(BookStatus.MATCHED, pairId, broker, 1)));

        assertThat(batch.apply(settle("1"))).as("one allocation is still open").isEmpty();
        assertThat(batch.apply(settle("2")))
                .containsExactly(
                        new TradeSettled(ref(broker), "CONFIRM-2", 3, pairId, ref(manager)),
                        new TradeSettled(ref(manager), "CONFIRM-2", 2, pairId, ref(broker)));
        assertThat(batch.changes().settled())
                .containsExactly(new SettledAllocation(manager.id(), "1"), new SettledAllocation(manager.id(), "2"));
    }

    @Test
    void aConfirmationOfAnAllocationSettledAlreadyChangesNothing() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook()
                .with(
                        broker.paired(BookStatus.MATCHED, pairId, manager, 2),
                        manager.withSettledAllocation("1").paired(BookStatus.MATCHED, pairId, broker, 1)));

        assertThat(batch.apply(settle("1"))).isEmpty();
        assertThat(batch.apply(new SettleAllocation(pairId, "no-such-allocation", "SM|x", "x")))
                .isEmpty();
        assertThat(batch.changes().settled()).isEmpty();
        assertThat(batch.changes().trades()).isEmpty();
    }

    @Test
    void aConfirmationOfAMatchNeverDecidedChangesNothing() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook().with(broker.unmatched()));

        assertThat(batch.apply(new SettleAllocation("M-unknown", "1", "SM|c", "c")))
                .isEmpty();
        assertThat(batch.changes()).isEqualTo(new BookChanges(List.of(), List.of(), List.of()));
    }

    @Test
    void aDissolvedPairMarksTheAllocationButSettlesNothing() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook()
                .with(
                        broker.paired(BookStatus.CANCELLED, pairId, manager, 3),
                        manager.withSettledAllocation("1").withStatus(BookStatus.UNMATCHED, 2)));

        assertThat(batch.apply(settle("2")))
                .as("the last allocation of a pair no longer MATCHED")
                .isEmpty();
        assertThat(batch.changes().settled()).containsExactly(new SettledAllocation(manager.id(), "2"));
        assertThat(batch.changes().trades()).isEmpty();
    }

    @Test
    void aSettlementOfAPairDecidedEarlierInTheBatchFindsIt() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook().with(broker.unmatched(), manager));
        batch.apply(match(manager));
        batch.apply(settle("1"));

        assertThat(batch.apply(settle("2"))).hasSize(2).allMatch(TradeSettled.class::isInstance);
    }

    // ---------------------------------------------------------------- the batch

    @Test
    void readsEachTradeFromTheLockedBookOnceAndKeepsItsOwnChanges() {
        InMemoryBook book = new InMemoryBook().with(broker);
        TradeLifecycle.Batch batch = lifecycle.begin(book);

        batch.apply(match(broker));
        batch.apply(cancel(broker));

        assertThat(book.asked()).containsExactly(broker.id());
        assertThat(batch.changes().trades()).singleElement().satisfies(t -> {
            assertThat(t.status()).isEqualTo(BookStatus.CANCELLED);
            assertThat(t.version()).isEqualTo(2);
        });
    }

    @Test
    void aCommandForATradeNotBookedIsABrokenInvariant() {
        TradeLifecycle.Batch batch = lifecycle.begin(new InMemoryBook());

        assertThatThrownBy(() -> batch.apply(match(broker))).isInstanceOf(IllegalStateException.class);
    }

    private static MatchTrade match(Trades trade) {
        return new MatchTrade(trade.id(), trade.id() + "|" + trade.messageId(), trade.messageId());
    }

    private static CancelTrade cancel(Trades trade) {
        return new CancelTrade(trade.id(), "BRK001|cancel-1", "CANCEL-1");
    }

    private SettleAllocation settle(String allocationId) {
        return new SettleAllocation(pairId, allocationId, "SM|confirm-" + allocationId, "CONFIRM-" + allocationId);
    }

    private static TradeRef ref(Trades trade) {
        return TradeRef.of(trade.build());
    }
}
