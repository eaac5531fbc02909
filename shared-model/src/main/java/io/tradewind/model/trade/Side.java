package io.tradewind.model.trade;

/** The investment manager's side of a trade; both counterparties state it the same way. */
public enum Side {
    BUY,
    SELL
}
