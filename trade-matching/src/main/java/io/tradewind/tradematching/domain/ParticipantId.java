package io.tradewind.tradematching.domain;

/** A market participant as the wire contract names it: a sender, an executing broker or an investment manager. */
public record ParticipantId(String value) {
    public ParticipantId {
        Require.text(value, "participantId");
    }

    @Override
    public String toString() {
        return value;
    }
}
