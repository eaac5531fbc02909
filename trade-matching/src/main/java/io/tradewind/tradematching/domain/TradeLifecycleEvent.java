package io.tradewind.tradematching.domain;

import io.tradewind.model.values.Require;
import java.util.List;
import java.util.Optional;

/**
 * What became of one trade in the book, as a fact: published by matching, consumed by egress, which reports it to the
 * trade's sender (and, for the investment manager's side of a MATCHED pair, instructs settlement). Every event but a
 * refused cancel is a transition of the trade to {@code version}.
 */
public sealed interface TradeLifecycleEvent
        permits TradeLifecycleEvent.TradeMatched,
                TradeLifecycleEvent.TradeMismatched,
                TradeLifecycleEvent.TradeUnmatched,
                TradeLifecycleEvent.TradeCancelled,
                TradeLifecycleEvent.TradeSettled,
                TradeLifecycleEvent.CancelRefused {

    /** The trade the event is about. */
    TradeRef trade();

    /** The inbound message the report answers: the trade's NEW, or the CANCEL or confirmation that caused it. */
    String inReplyTo();

    /** The trade's version after the event (a refused cancel leaves it as it was). */
    int version();

    /**
     * The trade paired with {@code counterpart} and every compared field agrees.
     *
     * @param settlement present on exactly the investment manager's event of the pair
     */
    record TradeMatched(
            TradeRef trade,
            String inReplyTo,
            int version,
            String matchId,
            TradeRef counterpart,
            Optional<AgreedSettlement> settlement)
            implements TradeLifecycleEvent {
        public TradeMatched {
            Require.present(trade, "trade");
            Require.text(matchId, "matchId");
            Require.present(counterpart, "counterpart");
            Require.present(settlement, "settlement");
        }
    }

    /** The trade paired with {@code counterpart}, which disagrees; {@code reasons} state ours first, theirs second. */
    record TradeMismatched(
            TradeRef trade,
            String inReplyTo,
            int version,
            String matchId,
            TradeRef counterpart,
            List<MatchReason> reasons)
            implements TradeLifecycleEvent {
        public TradeMismatched {
            Require.present(trade, "trade");
            Require.text(matchId, "matchId");
            Require.present(counterpart, "counterpart");
            reasons = List.copyOf(Require.present(reasons, "reasons"));
        }
    }

    /** The trade waits for its counterpart: decided for the first time with none, or released by a cancelled one. */
    record TradeUnmatched(TradeRef trade, String inReplyTo, int version) implements TradeLifecycleEvent {
        public TradeUnmatched {
            Require.present(trade, "trade");
        }
    }

    /**
     * The trade is cancelled at its sender's request.
     *
     * @param matchId the pair it was in, if any
     * @param counterpart the trade the cancel released back to UNMATCHED, if any
     */
    record TradeCancelled(
            TradeRef trade, String inReplyTo, int version, Optional<String> matchId, Optional<TradeRef> counterpart)
            implements TradeLifecycleEvent {
        public TradeCancelled {
            Require.present(trade, "trade");
            Require.present(matchId, "matchId");
            Require.present(counterpart, "counterpart");
        }
    }

    /** The last allocation of the MATCHED pair settled, so the trade is SETTLED. */
    record TradeSettled(TradeRef trade, String inReplyTo, int version, String matchId, TradeRef counterpart)
            implements TradeLifecycleEvent {
        public TradeSettled {
            Require.present(trade, "trade");
            Require.text(matchId, "matchId");
            Require.present(counterpart, "counterpart");
        }
    }

    /**
     * A cancel the trade's status refuses (see {@link CancelDecision}); nothing changed.
     *
     * @param cancelInputKey the journal key of the refused CANCEL, which names the rejection's report
     * @param matchId the pair the trade is in, if any
     */
    record CancelRefused(
            TradeRef trade,
            String cancelInputKey,
            String inReplyTo,
            int version,
            Optional<String> matchId,
            String code,
            String reason)
            implements TradeLifecycleEvent {
        public CancelRefused {
            Require.present(trade, "trade");
            Require.text(cancelInputKey, "cancelInputKey");
            Require.present(matchId, "matchId");
            Require.text(code, "code");
            Require.text(reason, "reason");
        }
    }
}
