package io.tradewind.model.topology;

import io.tradewind.model.wire.WireLimits;

/** The MQ queues of the wire contract ({@code docs/wire-contract.md}), on each region's broker. */
public final class Queues {
    /** Trades and cancels from brokers and investment managers, to trade matching. */
    public static final String TRADES_INBOUND = "trades.inbound";
    /**
     * Trade matching's status reports to counterparties: each participant's go to its own queue,
     * {@code trades.status.<participantId>} (see {@link #tradesStatusOf(String)}).
     */
    public static final String TRADES_STATUS = "trades.status";
    /** Settlement instructions, from trade matching (and settlement desks), to settlement matching. */
    public static final String SETTLEMENTS_INBOUND = "settlements.inbound";
    /**
     * Settlement matching's status reports to settlement desks, each to the queue of the instruction's party,
     * {@code settlements.status.<participantId>} (see {@link #settlementsStatusOf(String)}).
     */
    public static final String SETTLEMENTS_STATUS = "settlements.status";
    /** Settlement matching's confirmations of settled allocations, to trade matching. */
    public static final String SETTLEMENTS_CONFIRMATIONS = "settlements.confirmations";

    private Queues() {}

    /** The private queue of {@code participantId}'s trade status reports, readable only by that participant. */
    public static String tradesStatusOf(String participantId) {
        return privateQueue(TRADES_STATUS, participantId);
    }

    /** The private queue of {@code participantId}'s settlement status reports, readable only by that participant. */
    public static String settlementsStatusOf(String participantId) {
        return privateQueue(SETTLEMENTS_STATUS, participantId);
    }

    /**
     * The private queue under {@code statusQueue} ({@link #TRADES_STATUS} or {@link #SETTLEMENTS_STATUS}). The
     * participant id must be a wire-contract id: ActiveMQ reads a comma in a destination name as a list of queues and
     * {@code *} or {@code >} as wildcards, so any other character could address a report to someone else's queue.
     */
    public static String privateQueue(String statusQueue, String participantId) {
        if (participantId == null || participantId.isEmpty())
            throw new IllegalArgumentException("a private status queue needs a participant id");
        if (!WireLimits.isValidId(participantId, WireLimits.MAX_ID_LENGTH))
            throw new IllegalArgumentException("participantId of a private status queue must be 1 to "
                    + WireLimits.MAX_ID_LENGTH + " characters of [" + WireLimits.ID_CHARACTERS + "], was '"
                    + WireLimits.echo(participantId) + "'");
        return statusQueue + "." + participantId;
    }

    /** Every private queue under {@code statusQueue}, as an ActiveMQ wildcard. */
    public static String everyPrivateQueue(String statusQueue) {
        return statusQueue + ".>";
    }
}
