package io.tradewind.tradegenerator.domain;

import io.tradewind.model.trade.Isin;
import java.math.BigDecimal;
import java.util.Currency;

/**
 * A listed equity the generator trades: its ISIN, a name for humans, the currency it is quoted in and a reference price
 * around which generated prices are drawn (an approximation, not market data).
 */
public record Security(String isin, String name, String currency, BigDecimal referencePrice) {
    public Security {
        if (!Isin.isValid(isin)) throw new IllegalArgumentException("isin is not a valid ISIN: " + isin);
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name is blank for " + isin);
        if (currency == null) throw new IllegalArgumentException("currency is null for " + isin);
        Currency.getInstance(currency); // throws IllegalArgumentException naming the code when it is not ISO 4217
        if (referencePrice == null || referencePrice.signum() <= 0) {
            throw new IllegalArgumentException("referencePrice must be positive for " + isin + ": " + referencePrice);
        }
    }
}
