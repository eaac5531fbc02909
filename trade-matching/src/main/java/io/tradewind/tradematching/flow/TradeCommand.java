package io.tradewind.tradematching.flow;

/**
 * What ingestion asks matching to do: match a newly booked trade, cancel one, or mark an allocation of a matched pair
 * settled. Published by ingestion, consumed by matching; trade commands are partitioned by the trade's pairing key so
 * both sides meet on one shard, settlements by the match id (the rows they change are locked either way).
 *
 * @param tradeId the trade a MATCH or CANCEL is about; absent on SETTLE, which names the pair by {@code matchId}
 * @param inputKey the journal key of the inbound message this command answers: matching records what it did per input
 *     key, which makes a replayed command repeat exactly the same events
 * @param messageId the inbound message's id, which the status reports answer ({@code inReplyTo})
 * @param matchId the pair a SETTLE is about
 * @param allocationId the investment manager's allocation a SETTLE reports settled
 */
public record TradeCommand(
        Kind kind, String tradeId, String inputKey, String messageId, String matchId, String allocationId) {
    public enum Kind {
        MATCH,
        CANCEL,
        SETTLE
    }

    public TradeCommand {
        if (kind == null) throw new IllegalArgumentException("kind is null");
        if (inputKey == null || inputKey.isBlank()) throw new IllegalArgumentException("inputKey is blank");
        if (kind == Kind.SETTLE) {
            if (matchId == null || matchId.isBlank()) throw new IllegalArgumentException("matchId is blank");
            if (allocationId == null || allocationId.isBlank())
                throw new IllegalArgumentException("allocationId is blank");
        } else if (tradeId == null || tradeId.isBlank()) throw new IllegalArgumentException("tradeId is blank");
    }

    /** A MATCH or CANCEL of one trade. */
    public TradeCommand(Kind kind, String tradeId, String inputKey, String messageId) {
        this(kind, tradeId, inputKey, messageId, null, null);
    }

    /** A SETTLE of one allocation of the pair {@code matchId}, from a settlement confirmation. */
    public static TradeCommand settle(String matchId, String allocationId, String inputKey, String messageId) {
        return new TradeCommand(Kind.SETTLE, null, inputKey, messageId, matchId, allocationId);
    }
}
