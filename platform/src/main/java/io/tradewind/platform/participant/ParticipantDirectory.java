package io.tradewind.platform.participant;

import io.tradewind.model.participant.Participant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who a sender is: the registry as the ingestion stages read it, to check that an authenticated sender is a
 * participant, holds the role its message claims and is not suspended. An id the registry does not hold, or that is not
 * a participant id at all, is simply absent.
 */
public interface ParticipantDirectory {

    /** The participant {@code participantId}, if the registry holds it. */
    default Optional<Participant> find(String participantId) {
        return Optional.ofNullable(findAll(List.of(participantId)).get(participantId));
    }

    /**
     * The participants among {@code participantIds} (a batch's senders, repeats allowed), by id; ids the registry does
     * not hold have no entry.
     */
    Map<String, Participant> findAll(Collection<String> participantIds);
}
