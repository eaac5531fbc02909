package io.tradewind.opsconsole.participant;

import io.tradewind.model.participant.BrokerAccessPolicy;
import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.ParticipantStatus;
import io.tradewind.model.participant.Role;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.platform.participant.ParticipantExistsException;
import io.tradewind.platform.participant.ParticipantRegistry;
import io.tradewind.platform.participant.UnknownParticipantException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Onboards participants and keeps the registry and the brokers' users in step in every region. A participant's broker
 * user (its id, a new random secret, the groups {@link BrokerAccessPolicy#groupsOf(Participant)} gives it) is put in
 * every region before the participant enters the registry, so a participant the registry holds can connect everywhere;
 * one that failed part-way is not in the registry (the ingestion stages refuse its messages) and {@link #add} again
 * finishes it. The secret is returned once and kept nowhere: only the brokers hold it. Suspending keeps the broker user,
 * so a suspended participant still reads its NOT_AUTHORIZED answers.
 */
public final class Onboarding {

    /** A participant onboarded (or given a new secret), with the credentials to hand over once. */
    public record Onboarded(Participant participant, BrokerCredentials credentials, List<String> regions) {}

    private final ParticipantRegistry registry;
    private final BrokerUsers brokerUsers;
    private final List<String> regions;
    private final Clock clock;
    private final Secrets secrets;

    /**
     * @param regions every region whose brokers the participants connect to
     * @param random where secrets come from: a {@link SecureRandom}, never a seeded one outside tests
     */
    public Onboarding(
            ParticipantRegistry registry,
            BrokerUsers brokerUsers,
            List<String> regions,
            Clock clock,
            SecureRandom random) {
        if (regions == null || regions.isEmpty()) throw new IllegalArgumentException("regions is empty");
        this.registry = registry;
        this.brokerUsers = brokerUsers;
        this.regions = List.copyOf(regions);
        this.clock = clock;
        this.secrets = new Secrets(random);
    }

    public Onboarding(ParticipantRegistry registry, BrokerUsers brokerUsers, List<String> regions, Clock clock) {
        this(registry, brokerUsers, regions, clock, new SecureRandom());
    }

    /**
     * Onboards a new participant: a new secret, its broker user in every region, then its entry in the registry.
     *
     * @throws IllegalArgumentException when the id is not a participant id or no role is given
     * @throws OnboardingException when the registry holds the id already (nothing is changed then), or a region or the
     *     registry failed: the message says which, and running {@code add} again finishes it
     */
    public Onboarded add(String participantId, Set<Role> roles) {
        Participant participant = Participant.onboard(
                new ParticipantId(participantId), roles == null ? Set.of() : roles, clock.instant());
        String id = participant.id().value();
        // Before any broker is touched: putting the user of a participant that exists would change its password.
        Optional<Participant> existing = registry.find(id);
        if (existing.isPresent()) throw exists(existing.get());
        String secret = secrets.next();
        Map<String, String> failed = putEverywhere(participant, secret);
        if (!failed.isEmpty())
            throw new OnboardingException(id + " is not onboarded: its broker user could not be put in "
                    + describe(failed) + ". It is not in the registry, so it cannot post; run `participant add " + id
                    + rolesOption(participant) + "` again to finish.");
        try {
            registry.add(participant);
        } catch (ParticipantExistsException raced) {
            throw new OnboardingException(id + " was onboarded by someone else meanwhile, and its broker password is"
                    + " now one this command does not show; run `participant reset-secret " + id + "` to issue one.");
        } catch (RuntimeException e) {
            throw new OnboardingException(
                    id + " is not onboarded: its broker user is in every region but the registry could not be written ("
                            + e.getMessage() + "). It cannot post; run `participant add " + id
                            + rolesOption(participant) + "` again to finish.",
                    e);
        }
        return new Onboarded(participant, new BrokerCredentials(id, secret), regions);
    }

    /**
     * Issues a registered participant a new secret in every region (its old one stops working), for a lost secret or to
     * repair a region whose broker lacks its user.
     *
     * @throws OnboardingException when the registry does not hold it, or a region failed (the message says which)
     */
    public Onboarded resetSecret(String participantId) {
        Participant participant = registry.find(participantId)
                .orElseThrow(() -> new OnboardingException(new UnknownParticipantException(participantId).getMessage()
                        + "; `participant add` onboards a new one"));
        String id = participant.id().value();
        String secret = secrets.next();
        Map<String, String> failed = putEverywhere(participant, secret);
        if (!failed.isEmpty()) {
            List<String> done =
                    regions.stream().filter(r -> !failed.containsKey(r)).toList();
            throw new OnboardingException(id + "'s secret was not reset in " + describe(failed)
                    + (done.isEmpty()
                            ? "; nothing changed"
                            : "; in " + done + " it was, to a secret this command does not show, so " + id
                                    + " cannot connect there")
                    + ". Run `participant reset-secret " + id + "` again.");
        }
        return new Onboarded(participant, new BrokerCredentials(id, secret), regions);
    }

    /** Every participant the registry holds, by id. */
    public List<Participant> list() {
        return registry.list();
    }

    /** Suspends a participant: its messages are answered NOT_AUTHORIZED once the stages' caches expire. */
    public Participant suspend(String participantId) {
        return setStatus(participantId, ParticipantStatus.SUSPENDED);
    }

    /** Lets a suspended participant post again. */
    public Participant resume(String participantId) {
        return setStatus(participantId, ParticipantStatus.ACTIVE);
    }

    private Participant setStatus(String participantId, ParticipantStatus status) {
        try {
            return registry.setStatus(participantId, status, clock.instant());
        } catch (UnknownParticipantException e) {
            throw new OnboardingException(e.getMessage(), e);
        }
    }

    /** Puts the participant's broker user in every region, each tried whatever the others did; the failures by region. */
    private Map<String, String> putEverywhere(Participant participant, String secret) {
        Set<String> groups = BrokerAccessPolicy.groupsOf(participant);
        Map<String, String> failed = new LinkedHashMap<>();
        for (String region : regions) {
            try {
                brokerUsers.put(region, participant.id().value(), secret, groups);
            } catch (RuntimeException e) {
                failed.put(region, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        return failed;
    }

    private static OnboardingException exists(Participant existing) {
        String id = existing.id().value();
        return new OnboardingException("participant " + id + " exists already (" + roles(existing) + ", "
                + existing.status() + "); nothing was changed. `participant reset-secret " + id
                + "` issues it a new secret.");
    }

    private static String describe(Map<String, String> failed) {
        return failed.entrySet().stream()
                .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    static String roles(Participant participant) {
        return participant.roles().stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static String rolesOption(Participant participant) {
        return participant.roles().stream()
                .map(Role::name)
                .sorted()
                .map(role -> " --role " + role)
                .collect(Collectors.joining());
    }
}
