package io.tradewind.tradegenerator.posting;

import io.tradewind.model.trade.TradeMessage;
import io.tradewind.platform.resilience.DependencyUnavailableException;

/**
 * Where generated trades go: a transacted channel to {@code trades.inbound}. Messages sent since the last commit are
 * posted together by {@link #commit()} or not at all; after a failure the generator calls {@link #close()}, waits, and
 * sends the uncommitted messages again on a fresh connection (which the next {@link #send} opens).
 */
public interface TradeSink extends AutoCloseable {

    /**
     * Sends a message inside the open transaction.
     *
     * @throws DependencyUnavailableException when the broker cannot be reached; the transaction is lost
     */
    void send(TradeMessage message);

    /**
     * Posts every message sent since the last commit.
     *
     * @throws DependencyUnavailableException when the commit failed or its result is unknown; the caller resends the
     *     transaction's messages, which may then arrive twice (the platform drops repeats by sender and messageId)
     */
    void commit();

    /** Drops the connection and any uncommitted messages; the next {@link #send} reconnects. Never throws. */
    @Override
    void close();
}
