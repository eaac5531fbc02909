package io.tradewind.settlementmatching.domain;

import io.tradewind.model.settlement.SettlementStatus;

/**
 * Where a booked instruction stands in the settlement book. RECEIVED until its own command decides it; UNMATCHED and
 * MISMATCHED are open (a MISMATCHED one waits for a counterpart that fully matches); MATCHED is passed through on the
 * way to SETTLED, which is final.
 */
public enum InstructionStatus {
    RECEIVED(null),
    UNMATCHED(SettlementStatus.UNMATCHED),
    MISMATCHED(SettlementStatus.MISMATCHED),
    MATCHED(SettlementStatus.MATCHED),
    SETTLED(SettlementStatus.SETTLED);

    private final SettlementStatus reported;

    InstructionStatus(SettlementStatus reported) {
        this.reported = reported;
    }

    /** Whether an instruction in this status is a candidate for an incoming instruction of its pairing key. */
    public boolean isOpen() {
        return this == UNMATCHED || this == MISMATCHED;
    }

    /** The status a report to the party states; RECEIVED is never reported. */
    public SettlementStatus reported() {
        if (reported == null) throw new IllegalStateException(name() + " is not reported to settlement desks");
        return reported;
    }
}
