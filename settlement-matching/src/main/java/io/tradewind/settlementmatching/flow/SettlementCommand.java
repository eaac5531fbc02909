package io.tradewind.settlementmatching.flow;

/**
 * Ingestion asks matching to decide an instruction it has booked. Published by ingestion, consumed by matching,
 * partitioned by the instruction's pairing key so a DELIVER and its RECEIVE meet on one shard.
 *
 * @param inputKey the journal key of the inbound message: matching records what it did per input key, so a replayed
 *     command repeats exactly the same events
 * @param messageId the inbound message's id, which the status reports answer ({@code inReplyTo})
 */
public record SettlementCommand(String instructionId, String inputKey, String messageId) {
    public SettlementCommand {
        if (instructionId == null || instructionId.isBlank())
            throw new IllegalArgumentException("instructionId is blank");
        if (inputKey == null || inputKey.isBlank()) throw new IllegalArgumentException("inputKey is blank");
    }
}
