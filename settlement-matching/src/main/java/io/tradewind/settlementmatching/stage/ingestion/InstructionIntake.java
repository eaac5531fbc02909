package io.tradewind.settlementmatching.stage.ingestion;

import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.trade.StatusReason;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The settlement book as ingestion sees it: what it decided before, booking new instructions, recording rejections. */
public interface InstructionIntake {

    /**
     * The rejections recorded for these inputs, by input key: a replay of one is answered as it was the first time,
     * without being decoded again.
     */
    Map<String, RejectedInput> rejectedBefore(Collection<String> inputKeys);

    /** The instruction an input booked: a replay of it asks matching again, as its first delivery did. */
    record BookedBefore(String instructionId, String partitionKey, String messageId) {}

    /**
     * The instructions these inputs booked, by input key, given the instructionId each one's body names: an input that
     * booked its instruction stays booked when it is replayed, even if a decoder would refuse it now.
     */
    Map<String, BookedBefore> bookedBefore(Map<String, String> instructionIdByInputKey);

    /** What booking an instruction found. */
    sealed interface Booking {}

    /** Booked now, or by an earlier delivery of the same message (a replay): pass it on either way. */
    record Booked(String instructionId, String partitionKey) implements Booking {}

    /** Another message already booked this instructionId: the new one is refused. */
    record DuplicateInstructionId(String instructionId, String bookedByMessageId) implements Booking {}

    /** A valid instruction to book, with the journal key and arrival of the message that carried it. */
    record NewInstruction(SettlementInstruction instruction, String inputKey, Instant receivedAt) {}

    /** Books instructions by instructionId in one transaction, idempotently, and says for each (in order) what it found. */
    List<Booking> bookAll(List<NewInstruction> instructions);

    /** Records inputs that were answered REJECTED, so reconciliation counts them as finished and replays repeat them. */
    void recordRejections(List<RejectedInput> rejections);

    /** An input answered REJECTED; party and instructionId are what the body named, when it could be read. */
    record RejectedInput(
            String inputKey,
            String party,
            String messageId,
            String instructionId,
            List<StatusReason> reasons,
            Instant rejectedAt) {}
}
