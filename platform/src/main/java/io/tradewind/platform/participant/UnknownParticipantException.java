package io.tradewind.platform.participant;

import io.tradewind.model.wire.WireLimits;

/** The registry holds no participant of this id. */
public final class UnknownParticipantException extends RuntimeException {
    private final String participantId;

    public UnknownParticipantException(String participantId) {
        super("no participant " + WireLimits.echo(participantId, 64) + " in the registry");
        this.participantId = participantId;
    }

    public String participantId() {
        return participantId;
    }
}
