package io.tradewind.tradematching.domain;

/** A number of units of a security: a trade's, or one allocation's share of it. Always positive. */
public record Quantity(long units) {
    public Quantity {
        Require.positive(units, "quantity");
    }
}
