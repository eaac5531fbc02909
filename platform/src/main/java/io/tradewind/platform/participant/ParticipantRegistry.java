package io.tradewind.platform.participant;

import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.ParticipantStatus;
import java.time.Instant;
import java.util.List;

/** The registry as onboarding keeps it: participants added once, listed, suspended and resumed. Holds no secret. */
public interface ParticipantRegistry extends ParticipantDirectory {

    /**
     * Adds a participant whose id the registry does not hold yet.
     *
     * @throws ParticipantExistsException when it holds the id already (whatever its roles or status)
     */
    void add(Participant participant);

    /** Every participant, by id. */
    List<Participant> list();

    /**
     * Sets a participant's status as of {@code at}; a participant already in that status is left as it is.
     *
     * @return the participant as the registry now holds it
     * @throws UnknownParticipantException when the registry does not hold {@code participantId}
     */
    Participant setStatus(String participantId, ParticipantStatus status, Instant at);
}
