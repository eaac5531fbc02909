package io.tradewind.settlementmatching.stage.ingestion;

import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.platform.idempotency.DecidedInputs;
import java.time.Instant;
import java.util.List;

/** The settlement book as ingestion sees it: what it decided before, booking new instructions, recording rejections. */
public interface InstructionIntake
        extends DecidedInputs<InstructionIntake.RejectedInput, InstructionIntake.BookedBefore> {

    /** The instruction an input booked: a replay of it asks matching again, as its first delivery did. */
    record BookedBefore(String instructionId, String partitionKey, String messageId) {}

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

    /** An input answered REJECTED; party and instructionId are what the body named, when it could be read. */
    record RejectedInput(
            String inputKey,
            String party,
            String messageId,
            String instructionId,
            List<StatusReason> reasons,
            Instant rejectedAt) {}
}
