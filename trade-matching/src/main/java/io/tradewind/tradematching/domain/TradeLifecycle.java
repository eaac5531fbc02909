package io.tradewind.tradematching.domain;

import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.values.Require;
import io.tradewind.tradematching.domain.BookChanges.DecidedPair;
import io.tradewind.tradematching.domain.BookChanges.SettledAllocation;
import io.tradewind.tradematching.domain.BookCommand.CancelTrade;
import io.tradewind.tradematching.domain.BookCommand.MatchTrade;
import io.tradewind.tradematching.domain.BookCommand.SettleAllocation;
import io.tradewind.tradematching.domain.LockedBook.TradePair;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.CancelRefused;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeCancelled;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeMatched;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeMismatched;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeSettled;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeUnmatched;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The book's state machine. A trade is booked RECEIVED; its MATCH pairs it with the best UNMATCHED counterpart of its
 * pairing key (MATCHED or MISMATCHED, both sides told) or leaves it UNMATCHED; a CANCEL cancels it and releases its
 * counterpart, which pairs again at once if it can; settlement confirmations mark the investment manager's allocations,
 * and the last one settles a MATCHED pair. Every transition moves a trade one version up and produces one event.
 *
 * <p>A batch of commands runs against the {@link LockedBook} of one transaction: {@link #begin} it, {@link
 * Batch#apply} each command in order (each sees the changes of those before it), then write {@link Batch#changes()}.
 */
public final class TradeLifecycle {
    private static final System.Logger log = System.getLogger(TradeLifecycle.class.getName());

    private final TradeMatcher matcher;
    private final Clock clock;

    /** @param clock stamps the pairs it decides */
    public TradeLifecycle(TradeMatcher matcher, Clock clock) {
        this.matcher = Require.present(matcher, "matcher");
        this.clock = Require.present(clock, "clock");
    }

    /** Starts a batch on the trades {@code book} holds locked for it. */
    public Batch begin(LockedBook book) {
        return new Batch(Require.present(book, "book"));
    }

    /** One batch's view of the book: the stored trades it has read, as its commands have left them so far. */
    public final class Batch {
        private final LockedBook book;
        private final Map<TradeId, BookedTrade> trades = new HashMap<>();
        private final Map<PairingKey, List<TradeId>> idsByPairingKey = new HashMap<>();
        private final Set<PairingKey> unmatchedRead = new HashSet<>();
        private final Set<TradeId> moved = new LinkedHashSet<>();
        private final Map<String, DecidedPair> pairs = new LinkedHashMap<>();
        private final List<SettledAllocation> settled = new ArrayList<>();

        private Batch(LockedBook book) {
            this.book = book;
        }

        /** Applies one command and returns the events it produced, in order. */
        public List<TradeLifecycleEvent> apply(BookCommand command) {
            Require.present(command, "command");
            if (command instanceof MatchTrade match) return match(match);
            if (command instanceof CancelTrade cancel) return cancel(cancel);
            return settle((SettleAllocation) command);
        }

        /** Everything the commands applied so far changed. */
        public BookChanges changes() {
            return new BookChanges(moved.stream().map(trades::get).toList(), List.copyOf(pairs.values()), settled);
        }

        private List<TradeLifecycleEvent> match(MatchTrade command) {
            BookedTrade incoming = trade(command.tradeId());
            // Only a trade still waiting for its first decision is decided by its command. Commands of one pairing key
            // arrive in shard order, so an UNMATCHED candidate is always one whose own command ran before.
            if (incoming.status() != BookStatus.RECEIVED) return List.of();
            return decide(incoming, true);
        }

        /**
         * Pairs {@code incoming} with the best unpaired counterpart, if any.
         *
         * @param reportUnmatched whether finding no counterpart is news (a first decision) or not (a released trade
         *     that was already reported UNMATCHED)
         */
        private List<TradeLifecycleEvent> decide(BookedTrade incoming, boolean reportUnmatched) {
            List<BookedTrade> candidates = candidatesFor(incoming);
            MatchOutcome outcome = matcher.decide(
                    incoming.toSide(),
                    candidates.stream().map(BookedTrade::toSide).toList());
            if (outcome instanceof MatchOutcome.Matched matched)
                return pair(
                        incoming,
                        trades.get(new TradeId(matched.counterpart().tradeId())),
                        matched.matchId(),
                        List.of());
            if (outcome instanceof MatchOutcome.Mismatched mismatched)
                return pair(
                        incoming,
                        trades.get(new TradeId(mismatched.counterpart().tradeId())),
                        mismatched.matchId(),
                        mismatched.reasons());
            return reportUnmatched ? List.of(unmatched(incoming, incoming.messageId())) : List.of();
        }

        /** Pairs two trades MATCHED (no reasons) or MISMATCHED, and tells both, each with the reasons its way round. */
        private List<TradeLifecycleEvent> pair(
                BookedTrade incoming, BookedTrade counterpart, String matchId, List<MatchReason> reasons) {
            BookStatus outcome = reasons.isEmpty() ? BookStatus.MATCHED : BookStatus.MISMATCHED;
            pairs.remove(matchId); // the latest decision of a match id is written, in the order of decisions
            pairs.put(
                    matchId,
                    new DecidedPair(matchId, incoming.id(), counterpart.id(), outcome, reasons, clock.instant()));
            int incomingVersion =
                    move(incoming, outcome, matchId, counterpart.id()).version();
            int counterpartVersion =
                    move(counterpart, outcome, matchId, incoming.id()).version();
            TradeRef ours = TradeRef.of(incoming);
            TradeRef theirs = TradeRef.of(counterpart);
            if (outcome == BookStatus.MISMATCHED)
                return List.of(
                        new TradeMismatched(ours, incoming.messageId(), incomingVersion, matchId, theirs, reasons),
                        new TradeMismatched(
                                theirs,
                                counterpart.messageId(),
                                counterpartVersion,
                                matchId,
                                ours,
                                reasons.stream().map(Batch::mirrored).toList()));
            // The investment manager's allocations are what settlement instructs; only its sender gets them.
            boolean incomingIsManager = incoming.role() == SenderRole.INVESTMENT_MANAGER;
            AgreedSettlement settlement = AgreedSettlement.of(incomingIsManager ? incoming : counterpart);
            return List.of(
                    new TradeMatched(
                            ours,
                            incoming.messageId(),
                            incomingVersion,
                            matchId,
                            theirs,
                            incomingIsManager ? Optional.of(settlement) : Optional.empty()),
                    new TradeMatched(
                            theirs,
                            counterpart.messageId(),
                            counterpartVersion,
                            matchId,
                            ours,
                            incomingIsManager ? Optional.empty() : Optional.of(settlement)));
        }

        private static MatchReason mirrored(MatchReason reason) {
            return new MatchReason(reason.field(), reason.code(), reason.theirs(), reason.ours());
        }

        /**
         * Applies a CANCEL. Ingestion sends it after its trade's MATCH, but if it still finds the trade waiting for its
         * first decision (the MATCH was lost with a crash and is yet to be replayed), the trade is decided first, as
         * its MATCH would have: a CANCEL is never decided before its NEW, and the NEW is always answered.
         */
        private List<TradeLifecycleEvent> cancel(CancelTrade command) {
            List<TradeLifecycleEvent> events = new ArrayList<>();
            if (trade(command.tradeId()).status() == BookStatus.RECEIVED)
                events.addAll(decide(trade(command.tradeId()), true));
            BookedTrade trade = trade(command.tradeId());
            CancelDecision decision = TradeMatcher.onCancel(trade.status());
            if (decision instanceof CancelDecision.Refused refused) {
                events.add(new CancelRefused(
                        TradeRef.of(trade),
                        command.inputKey(),
                        command.messageId(),
                        trade.version(),
                        Optional.ofNullable(trade.matchId()),
                        refused.code(),
                        refused.reason()));
                return events;
            }
            BookedTrade counterpart =
                    ((CancelDecision.Cancelled) decision).releasesCounterpart() && trade.counterpartId() != null
                            ? trade(trade.counterpartId())
                            : null;
            BookedTrade cancelled =
                    move(trade, BookStatus.CANCELLED, trade.matchId(), counterpart == null ? null : counterpart.id());
            events.add(new TradeCancelled(
                    TradeRef.of(trade),
                    command.messageId(),
                    cancelled.version(),
                    Optional.ofNullable(trade.matchId()),
                    Optional.ofNullable(counterpart).map(TradeRef::of)));
            if (counterpart != null) {
                BookedTrade released = move(counterpart, BookStatus.UNMATCHED, null, null);
                events.add(unmatchedEvent(released, counterpart.messageId()));
                // Released, it may pair at once with a side that was waiting for the same trade; it was reported
                // UNMATCHED just now, so staying unpaired is no news.
                events.addAll(decide(released, false));
            }
            return events;
        }

        /**
         * Marks one allocation of a pair settled; when it was the last unsettled allocation of a MATCHED pair, both
         * trades become SETTLED. A confirmation for a pair we never matched, a dissolved pair, or an allocation
         * already settled changes nothing more than the allocation's flag and produces no event.
         */
        private List<TradeLifecycleEvent> settle(SettleAllocation command) {
            Optional<TradePair> pair = pair(command.matchId());
            if (pair.isEmpty()) {
                log.log(
                        System.Logger.Level.WARNING,
                        "settlement confirmation {0} names match {1}, which trade matching never decided",
                        command.inputKey(),
                        command.matchId());
                return List.of();
            }
            boolean aFirst = pair.get().a().compareTo(pair.get().b()) < 0;
            BookedTrade first = trade(aFirst ? pair.get().a() : pair.get().b());
            BookedTrade second = trade(aFirst ? pair.get().b() : pair.get().a());
            BookedTrade manager = first.role() == SenderRole.INVESTMENT_MANAGER ? first : second;
            boolean marked = markSettled(manager, command.allocationId());
            boolean stillPaired = command.matchId().equals(first.matchId())
                    && command.matchId().equals(second.matchId())
                    && first.status() == BookStatus.MATCHED
                    && second.status() == BookStatus.MATCHED;
            if (!marked) {
                log.log(
                        System.Logger.Level.INFO,
                        "settlement confirmation {0}: allocation {1} of match {2} was settled already or is unknown",
                        command.inputKey(),
                        command.allocationId(),
                        command.matchId());
                return List.of();
            }
            if (!stillPaired || trade(manager.id()).unsettledAllocations() > 0) return List.of();
            BookedTrade firstSettled = move(first, BookStatus.SETTLED, first.matchId(), second.id());
            BookedTrade secondSettled = move(second, BookStatus.SETTLED, second.matchId(), first.id());
            return List.of(
                    new TradeSettled(
                            TradeRef.of(first),
                            command.messageId(),
                            firstSettled.version(),
                            first.matchId(),
                            TradeRef.of(second)),
                    new TradeSettled(
                            TradeRef.of(second),
                            command.messageId(),
                            secondSettled.version(),
                            second.matchId(),
                            TradeRef.of(first)));
        }

        private TradeUnmatched unmatched(BookedTrade trade, String inReplyTo) {
            return unmatchedEvent(move(trade, BookStatus.UNMATCHED, null, null), inReplyTo);
        }

        private static TradeUnmatched unmatchedEvent(BookedTrade moved, String inReplyTo) {
            return new TradeUnmatched(TradeRef.of(moved), inReplyTo, moved.version());
        }

        /** @return false if the trade has no such allocation or it was settled already */
        private boolean markSettled(BookedTrade trade, String allocationId) {
            boolean unsettled =
                    trade.allocations().stream().anyMatch(a -> a.allocationId().equals(allocationId) && !a.settled());
            if (!unsettled) return false;
            trades.put(trade.id(), trade.withAllocationSettled(allocationId));
            settled.add(new SettledAllocation(trade.id(), allocationId));
            return true;
        }

        /** Moves a trade to {@code status} at its next version. */
        private BookedTrade move(BookedTrade trade, BookStatus status, String matchId, TradeId counterpartId) {
            BookedTrade next = trade(trade.id()).moved(status, matchId, counterpartId);
            trades.put(next.id(), next);
            moved.add(next.id());
            return next;
        }

        /** The trade as this batch has left it so far, read from the locked book the first time. */
        private BookedTrade trade(TradeId id) {
            BookedTrade trade = trades.get(id);
            if (trade != null) return trade;
            BookedTrade stored = book.trade(id);
            if (stored == null) throw new IllegalStateException("command for trade " + id + " that is not booked");
            add(stored);
            return stored;
        }

        private Optional<TradePair> pair(String matchId) {
            DecidedPair decided = pairs.get(matchId);
            if (decided != null) return Optional.of(new TradePair(matchId, decided.a(), decided.b()));
            return book.pair(matchId);
        }

        /** The UNMATCHED trades of {@code incoming}'s pairing key from the other role, oldest first. */
        private List<BookedTrade> candidatesFor(BookedTrade incoming) {
            PairingKey key = incoming.pairingKey();
            if (unmatchedRead.add(key)) book.unmatched(key).forEach(this::addUnlessHeld);
            SenderRole role = incoming.role().counterpart();
            return idsByPairingKey.getOrDefault(key, List.of()).stream()
                    .map(trades::get)
                    .filter(trade -> trade.status() == BookStatus.UNMATCHED
                            && trade.role() == role
                            && !trade.id().equals(incoming.id()))
                    .sorted(Comparator.comparingLong(BookedTrade::arrivalSequence))
                    .toList();
        }

        /** Keeps a stored trade, unless this batch holds it already (perhaps changed). */
        private void addUnlessHeld(BookedTrade stored) {
            if (!trades.containsKey(stored.id())) add(stored);
        }

        private void add(BookedTrade stored) {
            trades.put(stored.id(), stored);
            idsByPairingKey
                    .computeIfAbsent(stored.pairingKey(), key -> new ArrayList<>())
                    .add(stored.id());
        }
    }
}
