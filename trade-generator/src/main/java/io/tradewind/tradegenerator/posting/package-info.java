/**
 * Posting: the {@link io.tradewind.tradegenerator.posting.TradeGenerator} thread takes pairs from the factory, paces
 * each message, posts it through a {@link io.tradewind.tradegenerator.posting.TradeSink} in short transactions and,
 * once a transaction is committed, hands the pairs it completed to the {@link
 * io.tradewind.tradegenerator.posting.OutcomeRecorder}s. It runs while its own switch and the optional routing-control
 * gate are both on, and reconnects with backoff when the broker goes away, resending the uncommitted pairs.
 */
package io.tradewind.tradegenerator.posting;
