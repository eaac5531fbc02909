package io.tradewind.tradematching.flow;

/** The brokers trade matching sends to, by the app that owns them, as an {@code OutboundEnvelope} names them. */
public final class Brokers {
    /** Our own broker: status reports to counterparties on {@code trades.status}. */
    public static final String TRADE_MATCHING = "trade-matching";
    /** The settlement app's broker: instructions on {@code settlements.inbound}. */
    public static final String SETTLEMENT_MATCHING = "settlement-matching";

    private Brokers() {}
}
