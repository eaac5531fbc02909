package io.tradewind.settlementmatching.domain;

import io.tradewind.model.settlement.Direction;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.model.values.Require;

/**
 * An instruction as the settlement book holds it: what the desk sent, the order it arrived in (smaller = earlier, which
 * breaks ties between equally good candidates), where it stands, and its version, which every change of status bumps
 * and which with its id names the status report about that change.
 */
public record BookedInstruction(
        SettlementInstruction instruction, long arrivalSequence, InstructionStatus status, int version) {

    public BookedInstruction {
        Matchable.instruction(instruction, "instruction");
        Require.present(status, "status");
        // The typed values carry the rules a booked instruction keeps; building them checks every one of them.
        new SecurityId(instruction.security());
        new Money(instruction.settlementAmount(), instruction.currency());
        if (instruction.settlementAmount().signum() <= 0)
            throw new IllegalArgumentException("settlementAmount must be positive: "
                    + instruction.settlementAmount().toPlainString() + " (" + instruction.instructionId() + ")");
        if (version < 0) throw new IllegalArgumentException("version must not be negative: " + version);
    }

    public InstructionId id() {
        return new InstructionId(instruction.instructionId());
    }

    public ParticipantId party() {
        return new ParticipantId(instruction.party());
    }

    public ParticipantId counterparty() {
        return new ParticipantId(instruction.counterparty());
    }

    public SecurityId security() {
        return new SecurityId(instruction.security());
    }

    public Direction direction() {
        return instruction.direction();
    }

    public Quantity quantity() {
        return new Quantity(instruction.quantity());
    }

    public Money settlementAmount() {
        return new Money(instruction.settlementAmount(), instruction.currency());
    }

    /** The key its counterpart shares: candidates are looked for among the open instructions with the same one. */
    public SettlementPairingKey pairingKey() {
        return SettlementPairingKey.of(instruction);
    }

    /** The same instruction moved to {@code next} at its next version. */
    BookedInstruction movedTo(InstructionStatus next) {
        return new BookedInstruction(instruction, arrivalSequence, next, version + 1);
    }

    /** The instruction as the matcher weighs a candidate; only an open one is a candidate. */
    OpenInstruction asCandidate() {
        return new OpenInstruction(instruction, arrivalSequence, status.reported());
    }
}
