package io.tradewind.platform.participant;

/** The registry holds this participant id already: an id is onboarded once. */
public final class ParticipantExistsException extends RuntimeException {
    private final String participantId;

    public ParticipantExistsException(String participantId) {
        super("participant " + participantId + " exists already");
        this.participantId = participantId;
    }

    public String participantId() {
        return participantId;
    }
}
