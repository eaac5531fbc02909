package io.tradewind.model.trade;

/**
 * One slice of a block trade booked to an investment manager's account. The allocations of a trade sum to its
 * quantity; each matched allocation becomes a pair of settlement instructions.
 */
public record Allocation(String allocationId, String account, long quantity) {}
