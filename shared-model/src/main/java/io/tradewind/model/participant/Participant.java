package io.tradewind.model.participant;

import io.tradewind.model.values.ParticipantId;
import io.tradewind.model.wire.Envelope;
import io.tradewind.model.wire.WireLimits;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * A participant as the registry holds it. Its id is its broker user name and the {@code senderId} its messages carry;
 * it must be a wire-contract id so it can also name its private status queues.
 *
 * @param onboardedAt when it was added
 * @param changedAt when its status last changed (onboardedAt until then)
 */
public record Participant(
        ParticipantId id, Set<Role> roles, ParticipantStatus status, Instant onboardedAt, Instant changedAt) {

    /**
     * The ids that stand for no one: the sender of a journal key whose body names none, and the recipient of a report to
     * an input no one can be named for. A participant holding one would read answers meant for no one.
     */
    public static final Set<String> NO_ONE = Set.of(Envelope.UNIDENTIFIED_SENDER, "unknown");

    public Participant {
        if (id == null) throw new IllegalArgumentException("participantId is missing");
        // A participant's id is the senderId of its messages, so it must fit that field's limit.
        if (!WireLimits.isValidId(id.value(), WireLimits.MAX_PARTICIPANT_ID_LENGTH))
            throw new IllegalArgumentException("participantId '" + WireLimits.echo(id.value(), 64)
                    + "' is not a participant id of the wire contract (at most "
                    + WireLimits.MAX_PARTICIPANT_ID_LENGTH + " letters, digits or ._:/-)");
        if (NO_ONE.stream().anyMatch(id.value()::equalsIgnoreCase))
            throw new IllegalArgumentException("participantId '" + id + "' is reserved: it stands for no sender");
        if (ServiceIdentity.isReserved(id.value()))
            throw new IllegalArgumentException("participantId '" + id + "' is reserved for a service");
        if (roles == null || roles.isEmpty())
            throw new IllegalArgumentException(
                    "participant " + id + " has no role; give at least one of " + Role.names());
        roles = Set.copyOf(EnumSet.copyOf(roles));
        if (status == null) throw new IllegalArgumentException("participant " + id + " has no status");
        if (onboardedAt == null || changedAt == null)
            throw new IllegalArgumentException("participant " + id + " lacks its onboarding or change time");
    }

    /** A new, active participant. */
    public static Participant onboard(ParticipantId id, Set<Role> roles, Instant now) {
        return new Participant(id, roles, ParticipantStatus.ACTIVE, now, now);
    }

    public boolean active() {
        return status == ParticipantStatus.ACTIVE;
    }

    public boolean holds(Role role) {
        return roles.contains(role);
    }

    public Participant withStatus(ParticipantStatus newStatus, Instant now) {
        return newStatus == status ? this : new Participant(id, roles, newStatus, onboardedAt, now);
    }
}
