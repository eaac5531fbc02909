package io.tradewind.tradematching.domain;

import io.tradewind.model.values.Require;

/**
 * One line of a side's allocation: how much of the trade goes to which account. Matching compares the allocations of
 * two sides as a multiset of these pairs; the sender's allocation ids play no part.
 */
public record AllocationSplit(String account, long quantity) {
    public AllocationSplit {
        Require.text(account, "account");
        Require.positive(quantity, "quantity");
    }

    @Override
    public String toString() {
        return account + ":" + quantity;
    }
}
