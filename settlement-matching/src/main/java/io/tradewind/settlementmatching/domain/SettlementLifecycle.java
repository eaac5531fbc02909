package io.tradewind.settlementmatching.domain;

import io.tradewind.model.settlement.Direction;
import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.values.Require;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionMatched;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionMismatched;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionSettled;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionUnmatched;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settlement book's state machine. A batch starts from the instructions the book locked for it (its own, and every
 * open instruction of their pairing keys) and decides its commands in order: an instruction still RECEIVED pairs with
 * the best open instruction of the opposite direction and becomes MATCHED then SETTLED with it (the sandbox has no CSD,
 * and the DELIVER side confirms the pair to trade matching), MISMATCHED with it, or UNMATCHED. The batch returns the
 * events and, at its end, the changes for the book to write.
 */
public final class SettlementLifecycle {
    private final SettlementMatcher matcher;
    private final Clock clock;

    public SettlementLifecycle(SettlementMatcher matcher, Clock clock) {
        this.matcher = Require.present(matcher, "matcher");
        this.clock = Require.present(clock, "clock");
    }

    /**
     * Starts a batch on {@code locked}: every instruction its commands name, and the open instructions of their pairing
     * keys. Nothing else can be a candidate: an instruction booked meanwhile is RECEIVED until its own command decides
     * it, and instructions this batch opens are in {@code locked} already.
     */
    public Batch begin(Collection<BookedInstruction> locked) {
        return new Batch(locked);
    }

    /** One batch of commands decided in order against the state earlier commands left. */
    public final class Batch {
        private final Map<InstructionId, BookedInstruction> instructions = new HashMap<>();
        private final Map<SettlementPairingKey, List<InstructionId>> idsByPairingKey = new HashMap<>();
        private final Map<InstructionId, InstructionChange> changes = new LinkedHashMap<>();
        private final List<SettledPair> settledPairs = new ArrayList<>();

        private Batch(Collection<BookedInstruction> locked) {
            for (BookedInstruction instruction : Require.present(locked, "locked")) {
                if (instructions.putIfAbsent(instruction.id(), instruction) == null)
                    idsByPairingKey
                            .computeIfAbsent(instruction.pairingKey(), key -> new ArrayList<>())
                            .add(instruction.id());
            }
        }

        /**
         * Decides the instruction's own command. Only an instruction still waiting for its first decision is decided:
         * deciding it again (a replay, a repeat in one batch) changes nothing and produces no event. Commands of one
         * pairing key arrive in order, so every open candidate is one whose own command ran before.
         */
        public List<InstructionEvent> decide(InstructionId instructionId) {
            BookedInstruction incoming = get(instructionId);
            if (incoming.status() != InstructionStatus.RECEIVED) return List.of();
            List<BookedInstruction> candidates = candidatesFor(incoming);
            SettlementOutcome outcome = matcher.decide(
                    incoming.instruction(),
                    candidates.stream().map(BookedInstruction::asCandidate).toList());
            if (outcome instanceof SettlementOutcome.Matched matched)
                return settle(
                        incoming, get(new InstructionId(matched.counterpart().instructionId())));
            if (outcome instanceof SettlementOutcome.Mismatched mismatched)
                return mismatch(
                        incoming, get(new InstructionId(mismatched.counterpart().instructionId())), mismatched);
            BookedInstruction moved = move(incoming, InstructionStatus.UNMATCHED, null, null);
            return List.of(new InstructionUnmatched(
                    moved.id(), moved.party(), moved.instruction().messageId(), moved.version()));
        }

        /** The last state of every instruction the batch changed, in the order they first changed. */
        public List<InstructionChange> changes() {
            return List.copyOf(changes.values());
        }

        /** The pairs the batch settled, in order. */
        public List<SettledPair> settledPairs() {
            return List.copyOf(settledPairs);
        }

        /** The instruction as the batch has left it so far. */
        public BookedInstruction get(InstructionId instructionId) {
            BookedInstruction instruction = instructions.get(instructionId);
            if (instruction == null)
                throw new IllegalStateException("command for instruction " + instructionId + " not booked");
            return instruction;
        }

        /** The open instructions of {@code ours}'s pairing key facing the other way, oldest first. */
        private List<BookedInstruction> candidatesFor(BookedInstruction ours) {
            Direction wanted = ours.direction().opposite();
            return idsByPairingKey.getOrDefault(ours.pairingKey(), List.of()).stream()
                    .map(instructions::get)
                    .filter(other -> other.status().isOpen()
                            && other.direction() == wanted
                            && !other.id().equals(ours.id()))
                    .sorted(Comparator.comparingLong(BookedInstruction::arrivalSequence))
                    .toList();
        }

        private List<InstructionEvent> mismatch(
                BookedInstruction incoming, BookedInstruction counterpart, SettlementOutcome.Mismatched mismatched) {
            List<InstructionEvent> events = new ArrayList<>(2);
            BookedInstruction moved = move(incoming, InstructionStatus.MISMATCHED, null, counterpart.id());
            events.add(mismatched(moved, counterpart, mismatched.reasons()));
            // A counterpart already MISMATCHED was told so when it arrived; telling it again would be noise.
            if (counterpart.status() == InstructionStatus.UNMATCHED) {
                BookedInstruction told = move(counterpart, InstructionStatus.MISMATCHED, null, incoming.id());
                events.add(mismatched(
                        told,
                        incoming,
                        mismatched.reasons().stream()
                                .map(SettlementMismatch::reversed)
                                .toList()));
            }
            return events;
        }

        /** Pairs two matching instructions, settles them, and confirms the settled allocation to trade matching. */
        private List<InstructionEvent> settle(BookedInstruction incoming, BookedInstruction counterpart) {
            String settlementMatchId = SettlementMatchIds.of(
                    incoming.instruction().instructionId(),
                    counterpart.instruction().instructionId());
            BookedInstruction deliver = incoming.direction() == Direction.DELIVER ? incoming : counterpart;
            BookedInstruction receive = deliver == incoming ? counterpart : incoming;
            settledPairs.add(new SettledPair(settlementMatchId, deliver.id(), receive.id(), clock.instant()));
            SettlementConfirmation confirmation = new SettlementConfirmation(
                    "SC-" + settlementMatchId,
                    settlementMatchId,
                    deliver.instruction().matchId(),
                    deliver.instruction().allocationId(),
                    deliver.instruction().instructionId(),
                    receive.instruction().instructionId());
            BookedInstruction incomingMatched =
                    move(incoming, InstructionStatus.MATCHED, settlementMatchId, counterpart.id());
            BookedInstruction counterpartMatched =
                    move(counterpart, InstructionStatus.MATCHED, settlementMatchId, incoming.id());
            BookedInstruction incomingSettled =
                    move(incomingMatched, InstructionStatus.SETTLED, settlementMatchId, counterpart.id());
            BookedInstruction counterpartSettled =
                    move(counterpartMatched, InstructionStatus.SETTLED, settlementMatchId, incoming.id());
            return List.of(
                    matched(incomingMatched, settlementMatchId, counterpart),
                    matched(counterpartMatched, settlementMatchId, incoming),
                    settled(incomingSettled, settlementMatchId, counterpart, deliver == incoming, confirmation),
                    settled(counterpartSettled, settlementMatchId, incoming, deliver == counterpart, confirmation));
        }

        /** Moves an instruction to {@code status} at its next version, remembering the change for the book. */
        private BookedInstruction move(
                BookedInstruction current,
                InstructionStatus status,
                String settlementMatchId,
                InstructionId counterpart) {
            BookedInstruction next = current.movedTo(status);
            instructions.put(next.id(), next);
            changes.put(
                    next.id(),
                    new InstructionChange(next.id(), status, next.version(), settlementMatchId, counterpart));
            return next;
        }
    }

    private static InstructionMismatched mismatched(
            BookedInstruction moved, BookedInstruction counterpart, List<SettlementMismatch> reasons) {
        return new InstructionMismatched(
                moved.id(), moved.party(), moved.instruction().messageId(), moved.version(), counterpart.id(), reasons);
    }

    private static InstructionMatched matched(
            BookedInstruction moved, String settlementMatchId, BookedInstruction counterpart) {
        return new InstructionMatched(
                moved.id(),
                moved.party(),
                moved.instruction().messageId(),
                moved.version(),
                settlementMatchId,
                counterpart.id());
    }

    private static InstructionSettled settled(
            BookedInstruction moved,
            String settlementMatchId,
            BookedInstruction counterpart,
            boolean confirms,
            SettlementConfirmation confirmation) {
        return new InstructionSettled(
                moved.id(),
                moved.party(),
                moved.instruction().messageId(),
                moved.version(),
                settlementMatchId,
                counterpart.id(),
                confirms ? Optional.of(confirmation) : Optional.empty());
    }
}
