package io.tradewind.tradematching.domain;

import io.tradewind.model.values.Require;

/** A number of units of a security: a trade's, or one allocation's share of it. Always positive. */
public record Quantity(long units) {
    public Quantity {
        Require.positive(units, "quantity");
    }
}
