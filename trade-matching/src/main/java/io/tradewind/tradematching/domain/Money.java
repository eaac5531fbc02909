package io.tradewind.tradematching.domain;

import io.tradewind.model.values.Require;
import java.math.BigDecimal;

/** An amount of money in {@code currency}, e.g. a trade's net amount, kept at the scale it was stated in. */
public record Money(BigDecimal amount, String currency) {
    public Money {
        Require.present(amount, "amount");
        Currencies.currency(currency, "currency");
    }
}
