package io.tradewind.tradematching.domain;

import io.tradewind.model.values.Require;
import java.math.BigDecimal;

/**
 * The price of one unit in {@code currency}, positive, kept at the scale it was quoted in (matching compares prices
 * numerically; reports and instructions repeat them as received).
 */
public record Price(BigDecimal perUnit, String currency) {
    public Price {
        Require.present(perUnit, "price");
        if (perUnit.signum() <= 0)
            throw new IllegalArgumentException("price must be positive: " + perUnit.toPlainString());
        Currencies.currency(currency, "currency");
    }
}
