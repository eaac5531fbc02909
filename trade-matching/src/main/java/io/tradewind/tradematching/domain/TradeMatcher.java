package io.tradewind.tradematching.domain;

import io.tradewind.model.values.Require;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The CTM-style trade matcher: picks the counterpart of an incoming side among the unpaired sides the book holds and
 * decides MATCHED, MISMATCHED or UNMATCHED. It holds no state, so the same inputs always give the same outcome and
 * match id; the book serialises calls per pairing key.
 */
public final class TradeMatcher {
    private static final Comparator<AllocationSplit> CANONICAL_ALLOCATION_ORDER =
            Comparator.comparing(AllocationSplit::account).thenComparingLong(AllocationSplit::quantity);

    private final MatchingTolerances tolerances;

    public TradeMatcher(MatchingTolerances tolerances) {
        this.tolerances = Require.present(tolerances, "tolerances");
    }

    public MatchingTolerances tolerances() {
        return tolerances;
    }

    /**
     * Decides the outcome for {@code incoming} against {@code candidates}, the sides the book holds UNMATCHED (usually
     * those with the same pairing key). Only candidates of the opposite role with an equal pairing key pair; among
     * several, the closest price wins, then the earliest arrival, then the smaller trade id.
     */
    public MatchOutcome decide(TradeSide incoming, Collection<TradeSide> candidates) {
        Require.present(incoming, "incoming");
        TradeSide counterpart = closestPairable(incoming, Require.present(candidates, "candidates"));
        if (counterpart == null) {
            return new MatchOutcome.Unmatched(incoming);
        }
        String matchId = MatchIds.of(incoming.tradeId(), counterpart.tradeId());
        List<MatchReason> reasons = differences(incoming, counterpart);
        return reasons == null
                ? new MatchOutcome.Matched(matchId, incoming, counterpart)
                : new MatchOutcome.Mismatched(matchId, incoming, counterpart, reasons);
    }

    /** Whether two sides pair at all: opposite roles and the same six pairing fields. */
    public static boolean pairs(TradeSide a, TradeSide b) {
        return a.role() != b.role() && a.pairingKey().equals(b.pairingKey());
    }

    /** Decides a CANCEL of a trade the book holds in {@code status}; see {@link CancelDecision}. */
    public static CancelDecision onCancel(BookStatus status) {
        return CancelDecision.of(status);
    }

    private static TradeSide closestPairable(TradeSide incoming, Collection<TradeSide> candidates) {
        TradeSide best = null;
        // Distances are only computed once a second pairable candidate shows up: the usual case has one.
        BigDecimal bestDistance = null;
        for (TradeSide candidate : candidates) {
            if (!pairs(incoming, candidate)) {
                continue;
            }
            if (best == null) {
                best = candidate;
                continue;
            }
            if (bestDistance == null) {
                bestDistance = priceDistance(incoming, best);
            }
            BigDecimal distance = priceDistance(incoming, candidate);
            if (isBetter(candidate, distance, best, bestDistance)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static boolean isBetter(TradeSide candidate, BigDecimal distance, TradeSide best, BigDecimal bestDistance) {
        int byPrice = distance.compareTo(bestDistance);
        if (byPrice != 0) {
            return byPrice < 0;
        }
        if (candidate.arrivalSequence() != best.arrivalSequence()) {
            return candidate.arrivalSequence() < best.arrivalSequence();
        }
        return candidate.tradeId().compareTo(best.tradeId()) < 0;
    }

    private static BigDecimal priceDistance(TradeSide incoming, TradeSide candidate) {
        BigDecimal ours = incoming.price();
        BigDecimal theirs = candidate.price();
        return ours.compareTo(theirs) == 0
                ? BigDecimal.ZERO
                : ours.subtract(theirs).abs();
    }

    /** The reasons the pair mismatches in wire order, or null when it matches (no list allocated on the hot path). */
    private List<MatchReason> differences(TradeSide ours, TradeSide theirs) {
        List<MatchReason> reasons = null;
        if (!ours.settlementDate().equals(theirs.settlementDate())) {
            reasons = add(
                    reasons,
                    new MatchReason(
                            MatchReason.SETTLEMENT_DATE,
                            MatchReason.DIFFERENT,
                            ours.settlementDate().toString(),
                            theirs.settlementDate().toString()));
        }
        if (!ours.currency().equals(theirs.currency())) {
            reasons = add(
                    reasons,
                    new MatchReason(MatchReason.CURRENCY, MatchReason.DIFFERENT, ours.currency(), theirs.currency()));
        }
        if (!tolerances.priceMatches(ours.price(), theirs.price())) {
            reasons = add(
                    reasons,
                    new MatchReason(
                            MatchReason.PRICE,
                            MatchReason.DIFFERENT,
                            tolerances.renderPrice(ours.price()),
                            tolerances.renderPrice(theirs.price())));
        }
        if (!tolerances.netAmountMatches(ours.netAmount(), theirs.netAmount())) {
            reasons = add(
                    reasons,
                    new MatchReason(
                            MatchReason.NET_AMOUNT,
                            MatchReason.OUTSIDE_TOLERANCE,
                            ours.netAmount().toPlainString(),
                            theirs.netAmount().toPlainString()));
        }
        if (!sameMultiset(ours.allocations(), theirs.allocations())) {
            reasons = add(
                    reasons,
                    new MatchReason(
                            MatchReason.ALLOCATIONS,
                            MatchReason.DIFFERENT,
                            render(ours.allocations()),
                            render(theirs.allocations())));
        }
        return reasons;
    }

    private static List<MatchReason> add(List<MatchReason> reasons, MatchReason reason) {
        List<MatchReason> list = reasons == null ? new ArrayList<>(5) : reasons;
        list.add(reason);
        return list;
    }

    /**
     * Multiset equality of (account, quantity): every line of one side is used up by an equal line of the other. The
     * quadratic scan beats sorting copies for the handful of lines a trade carries, and allocates nothing.
     */
    static boolean sameMultiset(List<AllocationSplit> ours, List<AllocationSplit> theirs) {
        int size = ours.size();
        if (size != theirs.size()) {
            return false;
        }
        if (ours.equals(theirs)) {
            return true;
        }
        if (size > Long.SIZE) {
            return sortedCopy(ours).equals(sortedCopy(theirs));
        }
        long used = 0L;
        for (AllocationSplit line : ours) {
            int found = -1;
            for (int i = 0; i < size; i++) {
                if ((used & (1L << i)) == 0 && line.equals(theirs.get(i))) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            used |= 1L << found;
        }
        return true;
    }

    private static List<AllocationSplit> sortedCopy(List<AllocationSplit> allocations) {
        List<AllocationSplit> copy = new ArrayList<>(allocations);
        copy.sort(CANONICAL_ALLOCATION_ORDER);
        return copy;
    }

    /** Allocations as a reason shows them: in a canonical order, so equal multisets render equally. */
    private static String render(List<AllocationSplit> allocations) {
        return allocations.stream()
                .sorted(CANONICAL_ALLOCATION_ORDER)
                .map(AllocationSplit::toString)
                .collect(Collectors.joining(","));
    }
}
