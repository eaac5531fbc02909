package io.tradewind.opsconsole.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.participant.BrokerAccessPolicy;
import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.ParticipantStatus;
import io.tradewind.model.participant.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OnboardingTest {
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final List<String> REGIONS = List.of("us-east-1", "us-west-2");

    private final InMemoryParticipantRegistry registry = new InMemoryParticipantRegistry();
    private final FakeBrokerUsers brokers = new FakeBrokerUsers();
    private final Onboarding onboarding =
            new Onboarding(registry, brokers, REGIONS, Clock.fixed(T, ZoneOffset.UTC), new SecureRandom());

    @Test
    void addsAnActiveParticipantWithItsBrokerUserInEveryRegionAndReturnsTheSecretOnce() {
        Onboarding.Onboarded onboarded = onboarding.add("BRK009", Set.of(Role.BROKER));

        Participant participant = onboarded.participant();
        assertThat(participant.status()).isEqualTo(ParticipantStatus.ACTIVE);
        assertThat(participant.onboardedAt()).isEqualTo(T);
        assertThat(registry.find("BRK009")).contains(participant);
        for (String region : REGIONS) {
            assertThat(brokers.user(region, "BRK009").password())
                    .isEqualTo(onboarded.credentials().password());
            assertThat(brokers.user(region, "BRK009").groups()).isEqualTo(BrokerAccessPolicy.groupsOf(participant));
        }
        assertThat(onboarded.credentials().user()).isEqualTo("BRK009");
        assertThat(onboarded.regions()).isEqualTo(REGIONS);
    }

    @Test
    void aSecretIsUrlSafeAndCarriesAtLeast128RandomBits() {
        Set<String> secrets = new HashSet<>();
        IntStream.range(0, 50)
                .forEach(i -> secrets.add(onboarding
                        .add("IM" + i, Set.of(Role.INVESTMENT_MANAGER))
                        .credentials()
                        .password()));

        assertThat(secrets).hasSize(50).allSatisfy(secret -> {
            assertThat(secret).matches("[A-Za-z0-9_-]{43}"); // 32 random bytes: 256 bits
            assertThat(secret.chars().distinct().count()).isGreaterThanOrEqualTo(4);
        });
    }

    @Test
    void theCredentialsNeverPrintTheirPassword() {
        BrokerCredentials credentials =
                onboarding.add("BRK009", Set.of(Role.BROKER)).credentials();

        assertThat(credentials.toString()).contains("BRK009").doesNotContain(credentials.password());
    }

    @Test
    void refusesAnIdTheRegistryHoldsWithoutTouchingItsBrokerPassword() {
        String first =
                onboarding.add("BRK009", Set.of(Role.BROKER)).credentials().password();

        assertThatThrownBy(() -> onboarding.add("BRK009", Set.of(Role.SETTLEMENT_DESK)))
                .isInstanceOf(OnboardingException.class)
                .hasMessage("participant BRK009 exists already (BROKER, ACTIVE); nothing was changed."
                        + " `participant reset-secret BRK009` issues it a new secret.");
        assertThat(brokers.user("us-west-2", "BRK009").password()).isEqualTo(first);
        assertThat(registry.find("BRK009").orElseThrow().roles()).containsExactly(Role.BROKER);
    }

    @Test
    void aRegionThatFailsIsNamedTheParticipantIsNotRegisteredAndAddingAgainFinishesIt() {
        brokers.down("us-west-2", "connection refused");

        assertThatThrownBy(() -> onboarding.add("DESK002", Set.of(Role.SETTLEMENT_DESK)))
                .isInstanceOf(OnboardingException.class)
                .hasMessage("DESK002 is not onboarded: its broker user could not be put in us-west-2 (connection"
                        + " refused). It is not in the registry, so it cannot post; run `participant add DESK002"
                        + " --role SETTLEMENT_DESK` again to finish.");
        assertThat(registry.find("DESK002")).isEmpty();
        assertThat(brokers.user("us-east-1", "DESK002")).isNotNull(); // its password was never shown

        brokers.up("us-west-2");
        String secret = onboarding
                .add("DESK002", Set.of(Role.SETTLEMENT_DESK))
                .credentials()
                .password();

        assertThat(registry.find("DESK002")).isPresent();
        for (String region : REGIONS)
            assertThat(brokers.user(region, "DESK002").password()).isEqualTo(secret);
    }

    @Test
    void aRegistryThatCannotBeWrittenLeavesNoParticipantAndAddingAgainFinishesIt() {
        registry.failAdds(new IllegalStateException("dynamodb unavailable: timeout"));

        assertThatThrownBy(() -> onboarding.add("IM077", Set.of(Role.INVESTMENT_MANAGER)))
                .isInstanceOf(OnboardingException.class)
                .hasMessageContaining("IM077 is not onboarded: its broker user is in every region but the registry"
                        + " could not be written (dynamodb unavailable: timeout)")
                .hasMessageContaining("run `participant add IM077 --role INVESTMENT_MANAGER` again");

        registry.failAdds(null);
        onboarding.add("IM077", Set.of(Role.INVESTMENT_MANAGER));
        assertThat(registry.find("IM077")).isPresent();
    }

    @Test
    void resetSecretReplacesThePasswordInEveryRegionAndNamesARegionThatFailed() {
        String first =
                onboarding.add("BRK009", Set.of(Role.BROKER)).credentials().password();

        String second = onboarding.resetSecret("BRK009").credentials().password();
        assertThat(second).isNotEqualTo(first);
        for (String region : REGIONS)
            assertThat(brokers.user(region, "BRK009").password()).isEqualTo(second);

        brokers.down("us-east-1", "broker API throttled");
        assertThatThrownBy(() -> onboarding.resetSecret("BRK009"))
                .isInstanceOf(OnboardingException.class)
                .hasMessageContaining(
                        "BRK009's secret was not reset in us-east-1 (broker API throttled); in" + " [us-west-2] it was")
                .hasMessageContaining("Run `participant reset-secret BRK009` again.");
    }

    @Test
    void resetSecretRefusesAnUnknownParticipant() {
        assertThatThrownBy(() -> onboarding.resetSecret("NOBODY"))
                .isInstanceOf(OnboardingException.class)
                .hasMessage("no participant NOBODY in the registry; `participant add` onboards a new one");
        assertThat(brokers.users("us-east-1")).isEmpty();
    }

    @Test
    void suspendsAndResumesInTheRegistryAndKeepsTheBrokerUser() {
        onboarding.add("IM042", Set.of(Role.INVESTMENT_MANAGER));

        assertThat(onboarding.suspend("IM042").status()).isEqualTo(ParticipantStatus.SUSPENDED);
        assertThat(brokers.users("us-east-1")).containsExactly("IM042");
        assertThat(onboarding.resume("IM042").status()).isEqualTo(ParticipantStatus.ACTIVE);
        assertThatThrownBy(() -> onboarding.suspend("NOBODY"))
                .isInstanceOf(OnboardingException.class)
                .hasMessage("no participant NOBODY in the registry");
    }

    @Test
    void refusesAnIdThatIsNoParticipantIdOrNoRoleBeforeTouchingAnything() {
        assertThatThrownBy(() -> onboarding.add("BRK 1", Set.of(Role.BROKER)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("participantId 'BRK 1'");
        assertThatThrownBy(() -> onboarding.add("ops-console", Set.of(Role.BROKER)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> onboarding.add("BRK010", Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no role");
        assertThat(brokers.users("us-east-1")).isEmpty();
        assertThat(onboarding.list()).isEmpty();
    }
}
