package io.tradewind.tradematching.domain;

import io.tradewind.model.trade.Side;
import io.tradewind.model.values.PartitionKeys;
import io.tradewind.model.values.Require;
import java.time.LocalDate;

/**
 * The six fields both counterparties must state identically for their sides to pair. It is also the Kinesis partition
 * key of a trade, so both sides land on the same shard and are matched by one worker in order.
 */
public record PairingKey(
        String executingBroker,
        String investmentManager,
        Side side,
        String security,
        LocalDate tradeDate,
        long quantity) {

    public PairingKey {
        Require.text(executingBroker, "executingBroker");
        Require.text(investmentManager, "investmentManager");
        Require.present(side, "side");
        Require.text(security, "security");
        Require.present(tradeDate, "tradeDate");
        Require.positive(quantity, "quantity");
    }

    /**
     * The fields joined by '|' in declaration order, e.g. {@code BRK001|IM042|BUY|US0378331005|2026-11-20|1000}. Keys
     * that would exceed Kinesis' 256 characters become {@code "H|"} + the SHA-256 hex of the joined form: still stable,
     * and a collision only shares a shard, never a pairing.
     */
    public String asPartitionKey() {
        return PartitionKeys.of(
                executingBroker,
                investmentManager,
                side.name(),
                security,
                tradeDate.toString(),
                Long.toString(quantity));
    }
}
