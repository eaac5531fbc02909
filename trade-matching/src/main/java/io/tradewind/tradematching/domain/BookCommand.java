package io.tradewind.tradematching.domain;

import io.tradewind.model.values.Require;

/**
 * What ingestion asks of the book, in domain terms: decide a newly booked trade, cancel a trade, or mark an allocation
 * of a matched pair settled. Each answers one inbound message ({@code inputKey} in the journal, {@code messageId} on the
 * wire); the status reports a command causes answer that message.
 */
public sealed interface BookCommand
        permits BookCommand.MatchTrade, BookCommand.CancelTrade, BookCommand.SettleAllocation {

    String inputKey();

    String messageId();

    /** Decide a trade still waiting for its first decision: pair it, or leave it UNMATCHED. */
    record MatchTrade(TradeId tradeId, String inputKey, String messageId) implements BookCommand {
        public MatchTrade {
            Require.present(tradeId, "tradeId");
            Require.text(inputKey, "inputKey");
        }
    }

    /** Cancel a trade at its sender's request. */
    record CancelTrade(TradeId tradeId, String inputKey, String messageId) implements BookCommand {
        public CancelTrade {
            Require.present(tradeId, "tradeId");
            Require.text(inputKey, "inputKey");
        }
    }

    /** Mark the investment manager's allocation {@code allocationId} of pair {@code matchId} settled. */
    record SettleAllocation(String matchId, String allocationId, String inputKey, String messageId)
            implements BookCommand {
        public SettleAllocation {
            Require.text(matchId, "matchId");
            Require.text(allocationId, "allocationId");
            Require.text(inputKey, "inputKey");
        }
    }
}
