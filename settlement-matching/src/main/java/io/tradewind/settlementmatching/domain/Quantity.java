package io.tradewind.settlementmatching.domain;

import io.tradewind.model.values.Require;

/** How many units of the security an instruction delivers or receives: always positive, a whole number. */
public record Quantity(long units) {
    public Quantity {
        Require.positive(units, "quantity");
    }
}
