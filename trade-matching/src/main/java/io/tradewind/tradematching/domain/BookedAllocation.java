package io.tradewind.tradematching.domain;

import io.tradewind.model.trade.Allocation;
import io.tradewind.model.values.Require;

/**
 * One allocation of a booked trade: the investment manager's share of the trade for one account, and whether
 * settlement-matching has confirmed it settled.
 */
public record BookedAllocation(String allocationId, String account, Quantity quantity, boolean settled) {
    public BookedAllocation {
        Require.text(allocationId, "allocationId");
        Require.text(account, "account");
        Require.present(quantity, "quantity");
    }

    /** The allocation as settlement instructions carry it. */
    public Allocation toAllocation() {
        return new Allocation(allocationId, account, quantity.units());
    }

    AllocationSplit split() {
        return new AllocationSplit(account, quantity.units());
    }

    BookedAllocation markedSettled() {
        return new BookedAllocation(allocationId, account, quantity, true);
    }
}
