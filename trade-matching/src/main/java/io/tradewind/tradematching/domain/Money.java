package io.tradewind.tradematching.domain;

import java.math.BigDecimal;

/** An amount of money in {@code currency}, e.g. a trade's net amount, kept at the scale it was stated in. */
public record Money(BigDecimal amount, String currency) {
    public Money {
        Require.present(amount, "amount");
        Require.currency(currency, "currency");
    }
}
