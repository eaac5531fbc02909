package io.tradewind.settlementmatching.domain;

import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.values.Require;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The settlement matcher: picks the counterpart of an incoming instruction among the open instructions the store holds
 * and decides MATCHED, MISMATCHED or UNMATCHED under the CSDR amount tolerance. It holds no state, so the same inputs
 * always give the same outcome; the store serialises calls per pairing key.
 */
public final class SettlementMatcher {
    private final SettlementTolerances tolerances;

    public SettlementMatcher(SettlementTolerances tolerances) {
        this.tolerances = Require.present(tolerances, "tolerances");
    }

    public SettlementTolerances tolerances() {
        return tolerances;
    }

    /**
     * Decides the outcome for {@code incoming} against {@code candidates}, the open instructions the store holds with
     * the same pairing key. Only candidates that {@link #pairs pair} with it count. A matching candidate wins over any
     * mismatching one; among matching candidates the closest amount wins, then the earliest arrival, then the smaller
     * instruction id. Without one, the candidate with the fewest differing fields is the mismatched counterpart, with
     * the same tie-breaks after that.
     */
    public SettlementOutcome decide(SettlementInstruction incoming, List<OpenInstruction> candidates) {
        Matchable.instruction(incoming, "incoming");
        Require.present(candidates, "candidates");
        OpenInstruction best = null;
        List<SettlementMismatch> bestReasons = null;
        BigDecimal bestDistance = null;
        for (OpenInstruction candidate : candidates) {
            Require.present(candidate, "candidate");
            if (!mirrors(incoming, candidate.instruction())) {
                continue;
            }
            List<SettlementMismatch> reasons = differences(incoming, candidate.instruction());
            BigDecimal distance = amountDistance(incoming, candidate.instruction());
            // A match has no differing field, so "fewest differences first" puts every match before every mismatch.
            if (best == null || isBetter(candidate, reasons.size(), distance, best, bestReasons.size(), bestDistance)) {
                best = candidate;
                bestReasons = reasons;
                bestDistance = distance;
            }
        }
        if (best == null) {
            return new SettlementOutcome.Unmatched();
        }
        return bestReasons.isEmpty()
                ? new SettlementOutcome.Matched(best)
                : new SettlementOutcome.Mismatched(best, bestReasons);
    }

    /**
     * Whether two instructions are the two sides of one settlement: opposite directions, each one's party the other's
     * counterparty, the same security, the same common reference (the trade's match id and allocation, as T2S's
     * common trade reference), and not the same instruction. Without the common reference, two allocations of
     * different trades between the same parties would be reported MISMATCHED against each other.
     */
    public static boolean pairs(SettlementInstruction incoming, SettlementInstruction candidate) {
        return mirrors(Matchable.instruction(incoming, "incoming"), Matchable.instruction(candidate, "candidate"));
    }

    private static boolean mirrors(SettlementInstruction incoming, SettlementInstruction candidate) {
        return candidate.direction() == incoming.direction().opposite()
                && candidate.party().equals(incoming.counterparty())
                && candidate.counterparty().equals(incoming.party())
                && candidate.security().equals(incoming.security())
                && candidate.matchId().equals(incoming.matchId())
                && candidate.allocationId().equals(incoming.allocationId())
                && !candidate.instructionId().equals(incoming.instructionId());
    }

    /**
     * The fields on which two paired instructions disagree, in wire order, from {@code ours}' point of view; empty when
     * they match. The amount is compared in the tier of {@code ours}' currency (a currency difference is reported on
     * its own and already keeps the pair from matching).
     */
    List<SettlementMismatch> differences(SettlementInstruction ours, SettlementInstruction theirs) {
        List<SettlementMismatch> reasons = new ArrayList<>(0);
        if (ours.quantity() != theirs.quantity()) {
            reasons.add(different(
                    SettlementMismatch.QUANTITY, Long.toString(ours.quantity()), Long.toString(theirs.quantity())));
        }
        if (!tolerances.amountMatches(ours.currency(), ours.settlementAmount(), theirs.settlementAmount())) {
            reasons.add(new SettlementMismatch(
                    SettlementMismatch.SETTLEMENT_AMOUNT,
                    SettlementMismatch.OUTSIDE_TOLERANCE,
                    ours.settlementAmount().toPlainString(),
                    theirs.settlementAmount().toPlainString()));
        }
        if (!ours.currency().equals(theirs.currency())) {
            reasons.add(different(SettlementMismatch.CURRENCY, ours.currency(), theirs.currency()));
        }
        if (!ours.tradeDate().equals(theirs.tradeDate())) {
            reasons.add(different(
                    SettlementMismatch.TRADE_DATE,
                    ours.tradeDate().toString(),
                    theirs.tradeDate().toString()));
        }
        if (!ours.intendedSettlementDate().equals(theirs.intendedSettlementDate())) {
            reasons.add(different(
                    SettlementMismatch.INTENDED_SETTLEMENT_DATE,
                    ours.intendedSettlementDate().toString(),
                    theirs.intendedSettlementDate().toString()));
        }
        return reasons;
    }

    private static SettlementMismatch different(String field, String ours, String theirs) {
        return new SettlementMismatch(field, SettlementMismatch.DIFFERENT, ours, theirs);
    }

    private static boolean isBetter(
            OpenInstruction candidate,
            int differing,
            BigDecimal distance,
            OpenInstruction best,
            int bestDiffering,
            BigDecimal bestDistance) {
        if (differing != bestDiffering) {
            return differing < bestDiffering;
        }
        int byAmount = distance.compareTo(bestDistance);
        if (byAmount != 0) {
            return byAmount < 0;
        }
        if (candidate.arrivalSequence() != best.arrivalSequence()) {
            return candidate.arrivalSequence() < best.arrivalSequence();
        }
        return candidate.instructionId().compareTo(best.instructionId()) < 0;
    }

    private static BigDecimal amountDistance(SettlementInstruction ours, SettlementInstruction theirs) {
        return ours.settlementAmount().subtract(theirs.settlementAmount()).abs();
    }
}
