package io.tradewind.tradematching.flow;

/**
 * What ingestion asks matching to do with a trade it has booked: match a new one, or cancel one. Published by
 * ingestion, consumed by matching, partitioned by the trade's pairing key so both sides meet on one shard.
 *
 * @param inputKey the journal key of the inbound message this command answers: matching records what it did per input
 *     key, which makes a replayed command repeat exactly the same events
 * @param messageId the inbound message's id, which the status reports answer ({@code inReplyTo})
 */
public record TradeCommand(Kind kind, String tradeId, String inputKey, String messageId) {
    public enum Kind {
        MATCH,
        CANCEL
    }

    public TradeCommand {
        if (kind == null) throw new IllegalArgumentException("kind is null");
        if (tradeId == null || tradeId.isBlank()) throw new IllegalArgumentException("tradeId is blank");
        if (inputKey == null || inputKey.isBlank()) throw new IllegalArgumentException("inputKey is blank");
    }
}
