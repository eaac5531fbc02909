package io.tradewind.model.values;

/**
 * A market participant as the wire contract names it: a broker, an investment manager or a settlement desk, as the
 * sender of a message or the party it names.
 */
public record ParticipantId(String value) {
    public ParticipantId {
        Require.text(value, "participantId");
    }

    @Override
    public String toString() {
        return value;
    }
}
