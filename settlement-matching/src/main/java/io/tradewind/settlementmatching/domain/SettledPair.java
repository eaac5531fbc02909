package io.tradewind.settlementmatching.domain;

import io.tradewind.model.values.Require;
import java.time.Instant;

/** A DELIVER and a RECEIVE instruction that matched and settled together as {@code settlementMatchId}. */
public record SettledPair(String settlementMatchId, InstructionId deliver, InstructionId receive, Instant settledAt) {
    public SettledPair {
        Require.text(settlementMatchId, "settlementMatchId");
        Require.present(deliver, "deliver");
        Require.present(receive, "receive");
        Require.present(settledAt, "settledAt");
    }
}
