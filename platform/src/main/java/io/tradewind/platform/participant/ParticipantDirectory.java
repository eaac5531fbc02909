package io.tradewind.platform.participant;

import io.tradewind.model.participant.Participant;
import java.util.Optional;

/** The participant registry as the apps' stages read it: who a broker user is, in which roles, and whether suspended. */
public interface ParticipantDirectory {

    /** The participant whose broker user is {@code id}, if it is registered. */
    Optional<Participant> find(String id);
}
