package io.tradewind.settlementmatching.stage.ingestion;

import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.trade.StatusReason;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The settlement book as ingestion sees it: what it decided before, booking new instructions, recording rejections. */
public interface InstructionIntake {

    /** What ingestion decided for an input before: a replay gets the same answer, whatever a decoder would say now. */
    sealed interface Decided permits RejectedInput, BookedBefore {}

    /** The input booked this instruction: matching is asked again, as on its first delivery. */
    record BookedBefore(String instructionId, String partitionKey, String messageId) implements Decided {}

    /** What ingestion decided for each of these input keys before, by input key; inputs never decided are absent. */
    Map<String, Decided> decidedBefore(Collection<String> inputKeys);

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
            Instant rejectedAt)
            implements Decided {}
}
