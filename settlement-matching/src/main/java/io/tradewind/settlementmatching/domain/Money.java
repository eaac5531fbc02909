package io.tradewind.settlementmatching.domain;

import io.tradewind.model.values.Require;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * An amount in one currency, such as an instruction's settlement amount. The amount keeps its scale as the desk sent
 * it; comparisons that should ignore scale (the CSDR tolerance) use {@link BigDecimal#compareTo}.
 */
public record Money(BigDecimal amount, String currency) {
    private static final Pattern ISO_4217 = Pattern.compile("[A-Z]{3}");

    public Money {
        Require.present(amount, "amount");
        Require.present(currency, "currency");
        if (!ISO_4217.matcher(currency).matches())
            throw new IllegalArgumentException(
                    "currency must be an ISO 4217 code of three upper-case letters: " + currency);
    }
}
