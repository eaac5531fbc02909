package io.tradewind.settlementmatching.domain;

/** A settlement desk's participant id: the party that sends an instruction, or the counterparty it names. */
public record ParticipantId(String value) {
    public ParticipantId {
        Require.text(value, "participantId");
    }

    @Override
    public String toString() {
        return value;
    }
}
