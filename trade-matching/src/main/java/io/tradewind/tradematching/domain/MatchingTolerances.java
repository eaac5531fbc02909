package io.tradewind.tradematching.domain;

import io.tradewind.model.values.Require;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How far two paired sides' price and net amount may differ and still match; configuration, with the CTM defaults
 * from {@link #defaults()}.
 *
 * <p>Price: the sides match only when their prices are numerically equal ({@code compareTo}, so 187.25 equals
 * 187.2500). {@code priceScale} is the number of decimals the contract quotes prices in: a price with non-zero digits
 * beyond it is off the contract's grid and so never equals an on-grid price (187.25001 mismatches 187.2500). Prices are
 * deliberately not rounded before comparing, because rounding would match those two. Reasons render an on-grid price
 * at this scale.
 *
 * <p>Net amount: the sides match when {@code |ours - theirs| <= tolerance}, where the tolerance is {@code
 * netAmountToleranceUpToThreshold} when the larger of the two absolute amounts is at most {@code netAmountThreshold}
 * and {@code netAmountToleranceAboveThreshold} otherwise. Taking the larger amount makes the decision the same
 * whichever side arrived first; an amount exactly at the threshold uses the lower tier.
 */
public record MatchingTolerances(
        int priceScale,
        BigDecimal netAmountThreshold,
        BigDecimal netAmountToleranceUpToThreshold,
        BigDecimal netAmountToleranceAboveThreshold) {

    private static final MatchingTolerances DEFAULTS =
            new MatchingTolerances(4, new BigDecimal("100000"), new BigDecimal("2.00"), new BigDecimal("25.00"));

    public MatchingTolerances {
        if (priceScale < 0) {
            throw new IllegalArgumentException("priceScale must not be negative: " + priceScale);
        }
        nonNegative(netAmountThreshold, "netAmountThreshold");
        nonNegative(netAmountToleranceUpToThreshold, "netAmountToleranceUpToThreshold");
        nonNegative(netAmountToleranceAboveThreshold, "netAmountToleranceAboveThreshold");
    }

    /** Price exact to 4 dp; net amount within 2.00 up to 100,000 and within 25.00 above. */
    public static MatchingTolerances defaults() {
        return DEFAULTS;
    }

    /** Whether two prices match: numerically equal, whatever their scale. */
    public boolean priceMatches(BigDecimal ours, BigDecimal theirs) {
        return ours.compareTo(theirs) == 0;
    }

    /** Whether two net amounts are within the tolerance of the tier the larger of them falls in. */
    public boolean netAmountMatches(BigDecimal ours, BigDecimal theirs) {
        // Equal amounts are the common case: decide them without allocating.
        if (ours.compareTo(theirs) == 0) {
            return true;
        }
        BigDecimal larger = ours.abs().max(theirs.abs());
        BigDecimal tolerance = larger.compareTo(netAmountThreshold) <= 0
                ? netAmountToleranceUpToThreshold
                : netAmountToleranceAboveThreshold;
        return ours.subtract(theirs).abs().compareTo(tolerance) <= 0;
    }

    /** A price as a reason shows it: at {@code priceScale} when that loses nothing, else as received. */
    String renderPrice(BigDecimal price) {
        if (price.stripTrailingZeros().scale() <= priceScale) {
            return price.setScale(priceScale, RoundingMode.UNNECESSARY).toPlainString();
        }
        return price.toPlainString();
    }

    private static void nonNegative(BigDecimal value, String field) {
        Require.present(value, field);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(field + " must not be negative: " + value.toPlainString());
        }
    }
}
