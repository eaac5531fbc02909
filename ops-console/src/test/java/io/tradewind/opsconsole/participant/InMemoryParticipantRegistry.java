package io.tradewind.opsconsole.participant;

import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.ParticipantStatus;
import io.tradewind.platform.participant.ParticipantExistsException;
import io.tradewind.platform.participant.ParticipantRegistry;
import io.tradewind.platform.participant.UnknownParticipantException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The registry in memory, as the DynamoDB adapter behaves (its IT holds it to that); it can be made to fail writes. */
public final class InMemoryParticipantRegistry implements ParticipantRegistry {
    private final Map<String, Participant> participants = new TreeMap<>();
    private RuntimeException failAdds;

    /** Every later {@link #add} throws this, as a registry that cannot be written. */
    public void failAdds(RuntimeException failure) {
        this.failAdds = failure;
    }

    @Override
    public synchronized void add(Participant participant) {
        if (failAdds != null) throw failAdds;
        if (participants.putIfAbsent(participant.id().value(), participant) != null)
            throw new ParticipantExistsException(participant.id().value());
    }

    @Override
    public synchronized List<Participant> list() {
        return List.copyOf(participants.values());
    }

    @Override
    public synchronized Participant setStatus(String participantId, ParticipantStatus status, Instant at) {
        Participant participant = participants.get(participantId);
        if (participant == null) throw new UnknownParticipantException(participantId);
        Participant changed = participant.withStatus(status, at);
        participants.put(participantId, changed);
        return changed;
    }

    @Override
    public synchronized Map<String, Participant> findAll(Collection<String> participantIds) {
        Map<String, Participant> found = new HashMap<>();
        for (String id : participantIds) if (participants.containsKey(id)) found.put(id, participants.get(id));
        return found;
    }
}
