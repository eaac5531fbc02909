package io.tradewind.model.topology;

/** The MQ queues of the wire contract ({@code docs/wire-contract.md}), on each region's broker. */
public final class Queues {
    /** Trades and cancels from brokers and investment managers, to trade matching. */
    public static final String TRADES_INBOUND = "trades.inbound";
    /** Trade matching's status reports to counterparties. */
    public static final String TRADES_STATUS = "trades.status";
    /** Settlement instructions, from trade matching (and settlement desks), to settlement matching. */
    public static final String SETTLEMENTS_INBOUND = "settlements.inbound";
    /** Settlement matching's status reports to settlement desks. */
    public static final String SETTLEMENTS_STATUS = "settlements.status";
    /** Settlement matching's confirmations of settled allocations, to trade matching. */
    public static final String SETTLEMENTS_CONFIRMATIONS = "settlements.confirmations";

    private Queues() {}
}
