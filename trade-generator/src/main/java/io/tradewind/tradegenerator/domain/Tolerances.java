package io.tradewind.tradegenerator.domain;

import java.math.BigDecimal;

/**
 * The matching tolerances of the wire contract's defaults (price exact to 4 dp; net amount within 2.00 up to 100,000
 * and 25.00 above, tiered by the larger amount), restated here because the generator may not depend on trade matching.
 * The factory uses them to make a mismatch differ beyond tolerance in one field and stay within it in the others.
 */
public record Tolerances(
        int priceScale,
        BigDecimal netAmountThreshold,
        BigDecimal netAmountToleranceUpToThreshold,
        BigDecimal netAmountToleranceAboveThreshold) {

    private static final Tolerances DEFAULTS =
            new Tolerances(4, new BigDecimal("100000"), new BigDecimal("2.00"), new BigDecimal("25.00"));

    public Tolerances {
        if (priceScale < 0) throw new IllegalArgumentException("priceScale must not be negative: " + priceScale);
        if (netAmountThreshold == null || netAmountThreshold.signum() < 0) {
            throw new IllegalArgumentException("netAmountThreshold must not be negative: " + netAmountThreshold);
        }
        if (netAmountToleranceUpToThreshold == null || netAmountToleranceUpToThreshold.signum() < 0) {
            throw new IllegalArgumentException(
                    "netAmountToleranceUpToThreshold must not be negative: " + netAmountToleranceUpToThreshold);
        }
        if (netAmountToleranceAboveThreshold == null || netAmountToleranceAboveThreshold.signum() < 0) {
            throw new IllegalArgumentException(
                    "netAmountToleranceAboveThreshold must not be negative: " + netAmountToleranceAboveThreshold);
        }
    }

    public static Tolerances defaults() {
        return DEFAULTS;
    }

    /** The tolerance of the tier the larger of two net amounts falls in (the threshold itself is the lower tier). */
    public BigDecimal netAmountTolerance(BigDecimal ours, BigDecimal theirs) {
        BigDecimal larger = ours.abs().max(theirs.abs());
        return larger.compareTo(netAmountThreshold) <= 0
                ? netAmountToleranceUpToThreshold
                : netAmountToleranceAboveThreshold;
    }

    /** Whether two net amounts are within tolerance of each other. */
    public boolean netAmountMatches(BigDecimal ours, BigDecimal theirs) {
        return ours.subtract(theirs).abs().compareTo(netAmountTolerance(ours, theirs)) <= 0;
    }
}
