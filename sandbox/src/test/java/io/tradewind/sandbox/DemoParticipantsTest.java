package io.tradewind.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.ParticipantStatus;
import io.tradewind.model.participant.Role;
import io.tradewind.opsconsole.participant.BrokerUsers;
import io.tradewind.opsconsole.participant.Onboarding;
import io.tradewind.platform.participant.ParticipantExistsException;
import io.tradewind.platform.participant.ParticipantRegistry;
import io.tradewind.platform.participant.UnknownParticipantException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DemoParticipantsTest {

    /** The registry in memory. */
    private static final class Registry implements ParticipantRegistry {
        final Map<String, Participant> held = new TreeMap<>();

        @Override
        public void add(Participant participant) {
            if (held.putIfAbsent(participant.id().value(), participant) != null)
                throw new ParticipantExistsException(participant.id().value());
        }

        @Override
        public List<Participant> list() {
            return List.copyOf(held.values());
        }

        @Override
        public Participant setStatus(String participantId, ParticipantStatus status, Instant at) {
            if (!held.containsKey(participantId)) throw new UnknownParticipantException(participantId);
            return held.computeIfPresent(participantId, (id, p) -> p.withStatus(status, at));
        }

        @Override
        public Map<String, Participant> findAll(Collection<String> participantIds) {
            Map<String, Participant> found = new HashMap<>();
            participantIds.forEach(id -> {
                if (held.containsKey(id)) found.put(id, held.get(id));
            });
            return found;
        }
    }

    /** The passwords each region's brokers hold, by user. */
    private static final class Brokers implements BrokerUsers {
        final Map<String, String> passwords = new HashMap<>();

        @Override
        public void put(String region, String user, String password, Set<String> groups) {
            passwords.put(region + "/" + user, password);
        }

        @Override
        public void remove(String region, String user) {
            passwords.remove(region + "/" + user);
        }

        @Override
        public List<String> users(String region) {
            return List.of();
        }
    }

    private final Registry registry = new Registry();
    private final Brokers brokers = new Brokers();
    private final Onboarding onboarding =
            new Onboarding(registry, brokers, List.of("us-east-1", "us-west-2"), Clock.systemUTC());

    @Test
    void theSandboxStartsWithSixBrokersElevenInvestmentManagersAndASettlementDesk() {
        Map<String, Set<Role>> all = DemoParticipants.all();

        assertThat(all.keySet())
                .containsExactly(
                        "BRK001", "BRK002", "BRK003", "BRK004", "BRK005", "BRK042", "IM001", "IM002", "IM003", "IM004",
                        "IM005", "IM006", "IM007", "IM008", "IM009", "IM010", "IM042", "DESK001");
        assertThat(all.get("BRK003")).containsExactly(Role.BROKER);
        assertThat(all.get("IM042")).containsExactly(Role.INVESTMENT_MANAGER);
        assertThat(all.get("DESK001")).containsExactly(Role.SETTLEMENT_DESK);
    }

    @Test
    void onboardsEachAndPrintsItsIdRolesAndSecret() {
        List<Onboarding.Onboarded> onboarded = DemoParticipants.onboard(onboarding, DemoParticipants.all());

        assertThat(registry.held).hasSize(18);
        Map<String, String> passwords = DemoParticipants.passwords(onboarded);
        assertThat(passwords.get("DESK001")).isEqualTo(brokers.passwords.get("us-west-2/DESK001"));
        String table = DemoParticipants.table(onboarded);
        assertThat(table.lines().toList()).hasSize(19);
        assertThat(table).containsPattern("DESK001 +SETTLEMENT_DESK +" + passwords.get("DESK001"));
    }

    @Test
    void aParticipantTheRegistryHoldsAlreadyGetsANewSecretInstead() {
        onboarding.add("IM042", Set.of(Role.INVESTMENT_MANAGER));
        String before = brokers.passwords.get("us-east-1/IM042");

        List<Onboarding.Onboarded> onboarded =
                DemoParticipants.onboard(onboarding, Map.of("IM042", Set.of(Role.INVESTMENT_MANAGER)));

        assertThat(onboarded.get(0).credentials().password())
                .isNotEqualTo(before)
                .isEqualTo(brokers.passwords.get("us-east-1/IM042"));
    }
}
