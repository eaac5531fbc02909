package io.tradewind.model.trade;

/** Who sent a trade message; the two sides of a trade come from opposite roles. */
public enum SenderRole {
    BROKER,
    INVESTMENT_MANAGER;

    public SenderRole counterpart() {
        return this == BROKER ? INVESTMENT_MANAGER : BROKER;
    }
}
