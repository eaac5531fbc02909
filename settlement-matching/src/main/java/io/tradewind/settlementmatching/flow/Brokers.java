package io.tradewind.settlementmatching.flow;

/** The brokers settlement matching sends to, by the app that owns them, as an {@code OutboundEnvelope} names them. */
public final class Brokers {
    /** Our own broker: status reports to settlement desks on {@code settlements.status}. */
    public static final String SETTLEMENT_MATCHING = "settlement-matching";
    /** Trade matching's broker: confirmations on {@code settlements.confirmations}. */
    public static final String TRADE_MATCHING = "trade-matching";

    private Brokers() {}
}
