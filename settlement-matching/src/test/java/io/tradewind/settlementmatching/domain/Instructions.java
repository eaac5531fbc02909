package io.tradewind.settlementmatching.domain;

import io.tradewind.model.settlement.Direction;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.settlement.SettlementStatus;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Test fixtures: the two instructions of allocation 1 of the wire contract's example trade, BRK001 delivering 600
 * US0378331005 to IM042 against 112,350.00 USD, which pair and match until a test changes a field, e.g.
 * {@code Instructions.aReceipt().withAmount("1000.00").arrivedAt(2)}.
 */
final class Instructions {
    static final String MATCH_ID = "M-8da1b3c8ac6021d3";

    private String instructionId;
    private String matchId = MATCH_ID;
    private String allocationId = "1";
    private Direction direction;
    private String party;
    private String counterparty;
    private String security = "US0378331005";
    private long quantity = 600;
    private BigDecimal settlementAmount = new BigDecimal("112350.00");
    private String currency = "USD";
    private LocalDate tradeDate = LocalDate.parse("2026-11-20");
    private LocalDate intendedSettlementDate = LocalDate.parse("2026-11-23");

    private Instructions(Direction direction, String party, String counterparty) {
        this.instructionId = MATCH_ID + "|1|" + direction;
        this.direction = direction;
        this.party = party;
        this.counterparty = counterparty;
    }

    /** BRK001's DELIVER to IM042. */
    static Instructions aDelivery() {
        return new Instructions(Direction.DELIVER, "BRK001", "IM042");
    }

    /** IM042's RECEIVE from BRK001: the counterpart of {@link #aDelivery()}. */
    static Instructions aReceipt() {
        return new Instructions(Direction.RECEIVE, "IM042", "BRK001");
    }

    Instructions withInstructionId(String value) {
        instructionId = value;
        return this;
    }

    /** The common reference: the trade's match id and allocation, which both sides of a settlement carry. */
    Instructions withReference(String matchIdValue, String allocationIdValue) {
        matchId = matchIdValue;
        allocationId = allocationIdValue;
        return this;
    }

    Instructions withDirection(Direction value) {
        direction = value;
        return this;
    }

    Instructions withParty(String value) {
        party = value;
        return this;
    }

    Instructions withCounterparty(String value) {
        counterparty = value;
        return this;
    }

    Instructions withSecurity(String value) {
        security = value;
        return this;
    }

    Instructions withQuantity(long value) {
        quantity = value;
        return this;
    }

    Instructions withAmount(String value) {
        settlementAmount = new BigDecimal(value);
        return this;
    }

    Instructions withCurrency(String value) {
        currency = value;
        return this;
    }

    Instructions withTradeDate(String value) {
        tradeDate = LocalDate.parse(value);
        return this;
    }

    Instructions withIntendedSettlementDate(String value) {
        intendedSettlementDate = LocalDate.parse(value);
        return this;
    }

    SettlementInstruction build() {
        return new SettlementInstruction(
                "TW-" + instructionId,
                instructionId,
                matchId,
                allocationId,
                direction,
                party,
                counterparty,
                security,
                quantity,
                settlementAmount,
                currency,
                tradeDate,
                intendedSettlementDate);
    }

    /** The instruction booked and waiting UNMATCHED, having arrived as the store's {@code arrivalSequence}th. */
    OpenInstruction arrivedAt(long arrivalSequence) {
        return new OpenInstruction(build(), arrivalSequence, SettlementStatus.UNMATCHED);
    }

    /** The instruction booked, paired once and left MISMATCHED, still open for a counterpart that matches. */
    OpenInstruction mismatchedAt(long arrivalSequence) {
        return new OpenInstruction(build(), arrivalSequence, SettlementStatus.MISMATCHED);
    }

    /** The instruction just booked, RECEIVED and waiting for its own command, as the {@code arrivalSequence}th. */
    BookedInstruction received(long arrivalSequence) {
        return new BookedInstruction(build(), arrivalSequence, InstructionStatus.RECEIVED, 0);
    }

    /** The instruction decided UNMATCHED by an earlier batch (version 1), open for a counterpart. */
    BookedInstruction waitingUnmatched(long arrivalSequence) {
        return new BookedInstruction(build(), arrivalSequence, InstructionStatus.UNMATCHED, 1);
    }

    /** The instruction left MISMATCHED by an earlier batch (version 1), still open for a counterpart that matches. */
    BookedInstruction waitingMismatched(long arrivalSequence) {
        return new BookedInstruction(build(), arrivalSequence, InstructionStatus.MISMATCHED, 1);
    }
}
