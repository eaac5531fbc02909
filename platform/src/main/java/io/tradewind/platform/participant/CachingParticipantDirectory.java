package io.tradewind.platform.participant;

import io.tradewind.model.participant.Participant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry as the hot path reads it: each answer, a participant or its absence, is kept for {@link #ttl()} (5 s by
 * default), so a batch costs at most one batch read of the senders not seen lately. A change to the registry (a
 * suspension, a resumption, a new participant) therefore takes effect within the TTL of being written, plus the global
 * table's replication lag in the other region. An answer is never served past its TTL: when the registry cannot be read
 * then, the lookup fails (the stage retries its batch) rather than trusting a stale status.
 *
 * <p>At most {@link #MAX_ENTRIES} answers are kept, so hostile senders cannot grow it without bound: when it is full,
 * expired answers are dropped, and while it is still full new answers are returned but not kept.
 */
public final class CachingParticipantDirectory implements ParticipantDirectory {
    /** How long an answer is trusted unless told otherwise. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
    /** The most answers kept at once: far more participants than a market has, few enough to bound the memory. */
    public static final int MAX_ENTRIES = 10_000;

    private record Answer(Optional<Participant> participant, Instant expiresAt) {}

    private final ParticipantDirectory registry;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    public CachingParticipantDirectory(ParticipantDirectory registry, Duration ttl, Clock clock) {
        if (registry == null) throw new IllegalArgumentException("registry is null");
        if (ttl == null || ttl.isNegative() || ttl.isZero())
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        if (clock == null) throw new IllegalArgumentException("clock is null");
        this.registry = registry;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A directory that trusts each answer for {@link #DEFAULT_TTL}. */
    public static CachingParticipantDirectory of(ParticipantDirectory registry, Clock clock) {
        return new CachingParticipantDirectory(registry, DEFAULT_TTL, clock);
    }

    /** How long an answer is trusted: the longest a registry change takes to take effect here. */
    public Duration ttl() {
        return ttl;
    }

    @Override
    public Map<String, Participant> findAll(Collection<String> participantIds) {
        Instant now = clock.instant();
        Map<String, Participant> found = new HashMap<>();
        Set<String> toRead = new LinkedHashSet<>();
        for (String id : participantIds) {
            if (id == null) continue;
            Answer answer = answers.get(id);
            if (answer != null && now.isBefore(answer.expiresAt()))
                answer.participant().ifPresent(participant -> found.put(id, participant));
            else toRead.add(id);
        }
        if (toRead.isEmpty()) return found;
        Map<String, Participant> read = registry.findAll(toRead);
        Instant expiresAt = now.plus(ttl);
        if (answers.size() + toRead.size() > MAX_ENTRIES) answers.values().removeIf(a -> !now.isBefore(a.expiresAt()));
        for (String id : toRead) {
            Participant participant = read.get(id);
            if (participant != null) found.put(id, participant);
            if (answers.size() < MAX_ENTRIES || answers.containsKey(id))
                answers.put(id, new Answer(Optional.ofNullable(participant), expiresAt));
        }
        return found;
    }

    /** How many answers are kept now (expired ones included until they are dropped), for tests. */
    int size() {
        return answers.size();
    }
}
