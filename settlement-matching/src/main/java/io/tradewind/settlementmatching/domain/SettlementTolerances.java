package io.tradewind.settlementmatching.domain;

import io.tradewind.model.values.Require;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How far the settlement amounts of two paired instructions may differ and still match: the CSDR tiers of
 * {@link #csdr()} by default, overridden per currency by configuration. Within a tier, two amounts match when
 * {@code |ours - theirs|} is at most {@code toleranceUpToThreshold} if the larger of the two absolute amounts is at
 * most {@code threshold} (so an amount exactly at the threshold uses the lower tier), and at most
 * {@code toleranceAboveThreshold} otherwise; taking the larger amount makes the decision the same whichever side
 * arrived first.
 */
public record SettlementTolerances(Tier defaultTier, Map<String, Tier> perCurrency) {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final SettlementTolerances CSDR = new SettlementTolerances(
            new Tier(new BigDecimal("100000"), new BigDecimal("2.00"), new BigDecimal("25.00")), Map.of());

    public SettlementTolerances {
        Require.present(defaultTier, "defaultTier");
        Map<String, Tier> overrides = new HashMap<>();
        if (perCurrency != null) {
            perCurrency.forEach((currency, tier) -> {
                if (currency == null || !CURRENCY.matcher(currency).matches()) {
                    throw new IllegalArgumentException(
                            "perCurrency key must be an ISO 4217 code of three upper-case letters: " + currency);
                }
                overrides.put(currency, Require.present(tier, "perCurrency[" + currency + "]"));
            });
        }
        perCurrency = Map.copyOf(overrides);
    }

    /** The CSDR defaults for every currency: within 2.00 up to 100,000 and within 25.00 above. */
    public static SettlementTolerances csdr() {
        return CSDR;
    }

    /** The tier for amounts in {@code currency}: its override if configured, else the default tier. */
    public Tier tierFor(String currency) {
        return perCurrency.getOrDefault(currency, defaultTier);
    }

    /** Whether two settlement amounts in {@code currency} are within the tolerance of that currency's tier. */
    public boolean amountMatches(String currency, BigDecimal ours, BigDecimal theirs) {
        return tierFor(currency).matches(ours, theirs);
    }

    /**
     * One tolerance tier: amounts up to and including {@code threshold} (the larger of the two, absolute) may differ by
     * {@code toleranceUpToThreshold}, larger amounts by {@code toleranceAboveThreshold}. All three are non-negative.
     */
    public record Tier(BigDecimal threshold, BigDecimal toleranceUpToThreshold, BigDecimal toleranceAboveThreshold) {
        public Tier {
            nonNegative(threshold, "threshold");
            nonNegative(toleranceUpToThreshold, "toleranceUpToThreshold");
            nonNegative(toleranceAboveThreshold, "toleranceAboveThreshold");
        }

        /** Whether the two amounts are within the tolerance the larger of them calls for; scale plays no part. */
        public boolean matches(BigDecimal ours, BigDecimal theirs) {
            Require.present(ours, "ours");
            Require.present(theirs, "theirs");
            // Equal amounts are the common case: decide them without allocating.
            if (ours.compareTo(theirs) == 0) {
                return true;
            }
            BigDecimal larger = ours.abs().max(theirs.abs());
            BigDecimal tolerance = larger.compareTo(threshold) <= 0 ? toleranceUpToThreshold : toleranceAboveThreshold;
            return ours.subtract(theirs).abs().compareTo(tolerance) <= 0;
        }

        private static void nonNegative(BigDecimal value, String field) {
            Require.present(value, field);
            if (value.signum() < 0) {
                throw new IllegalArgumentException(field + " must not be negative: " + value.toPlainString());
            }
        }
    }
}
