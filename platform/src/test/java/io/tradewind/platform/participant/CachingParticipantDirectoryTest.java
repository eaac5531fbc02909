package io.tradewind.platform.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.ParticipantStatus;
import io.tradewind.model.participant.Role;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CachingParticipantDirectoryTest {
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(5);

    /** A registry that counts what it is asked, and can be told to fail. */
    private static final class CountingRegistry implements ParticipantDirectory {
        final Map<String, Participant> held = new HashMap<>();
        final List<List<String>> reads = new ArrayList<>();
        boolean down;

        @Override
        public Map<String, Participant> findAll(Collection<String> participantIds) {
            if (down) throw new DependencyUnavailableException("dynamodb", "down", null);
            reads.add(List.copyOf(participantIds));
            Map<String, Participant> found = new HashMap<>();
            for (String id : participantIds) if (held.containsKey(id)) found.put(id, held.get(id));
            return found;
        }

        void hold(String id, ParticipantStatus status) {
            held.put(
                    id,
                    Participant.onboard(new ParticipantId(id), Set.of(Role.BROKER), T)
                            .withStatus(status, T));
        }
    }

    private static final class SettableClock extends Clock {
        Instant now = T;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final CountingRegistry registry = new CountingRegistry();
    private final SettableClock clock = new SettableClock();
    private final CachingParticipantDirectory directory = new CachingParticipantDirectory(registry, TTL, clock);

    @Test
    void readsABatchsSendersOnceAndAnswersFromMemoryWithinTheTtl() {
        registry.hold("BRK001", ParticipantStatus.ACTIVE);
        registry.hold("IM042", ParticipantStatus.ACTIVE);

        Map<String, Participant> first = directory.findAll(List.of("BRK001", "IM042", "BRK001", "NOBODY"));
        clock.now = T.plus(TTL).minusMillis(1);
        Map<String, Participant> again = directory.findAll(List.of("IM042", "BRK001", "NOBODY"));

        assertThat(first).containsOnlyKeys("BRK001", "IM042");
        assertThat(again).isEqualTo(first);
        assertThat(registry.reads).containsExactly(List.of("BRK001", "IM042", "NOBODY"));
    }

    @Test
    void aSuspensionTakesEffectOnceTheTtlHasPassed() {
        registry.hold("BRK001", ParticipantStatus.ACTIVE);
        assertThat(directory.find("BRK001"))
                .hasValueSatisfying(p -> assertThat(p.active()).isTrue());

        registry.hold("BRK001", ParticipantStatus.SUSPENDED);
        clock.now = T.plus(TTL).minusMillis(1);
        assertThat(directory.find("BRK001").orElseThrow().active()).isTrue();
        clock.now = T.plus(TTL);
        assertThat(directory.find("BRK001").orElseThrow().status()).isEqualTo(ParticipantStatus.SUSPENDED);
    }

    @Test
    void aParticipantOnboardedAfterAMissIsFoundOnceTheTtlHasPassed() {
        assertThat(directory.find("BRK009")).isEmpty();
        registry.hold("BRK009", ParticipantStatus.ACTIVE);

        assertThat(directory.find("BRK009")).isEmpty();
        clock.now = T.plus(TTL);
        assertThat(directory.find("BRK009")).isPresent();
    }

    @Test
    void readsOnlyTheSendersNotSeenLately() {
        registry.hold("BRK001", ParticipantStatus.ACTIVE);
        registry.hold("BRK002", ParticipantStatus.ACTIVE);
        directory.find("BRK001");

        assertThat(directory.findAll(List.of("BRK001", "BRK002"))).containsOnlyKeys("BRK001", "BRK002");
        assertThat(registry.reads).containsExactly(List.of("BRK001"), List.of("BRK002"));
    }

    @Test
    void neverServesAnExpiredAnswerWhenTheRegistryIsDown() {
        registry.hold("BRK001", ParticipantStatus.ACTIVE);
        directory.find("BRK001");
        registry.down = true;

        assertThat(directory.find("BRK001")).isPresent();
        clock.now = T.plus(TTL);
        assertThatThrownBy(() -> directory.find("BRK001")).isInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void keepsAtMostItsBoundOfAnswersWhateverTheSendersClaim() {
        List<String> hostile = IntStream.range(0, CachingParticipantDirectory.MAX_ENTRIES + 500)
                .mapToObj(i -> "X" + i)
                .toList();

        assertThat(directory.findAll(hostile)).isEmpty();
        assertThat(directory.size()).isEqualTo(CachingParticipantDirectory.MAX_ENTRIES);

        clock.now = T.plus(TTL);
        registry.hold("BRK001", ParticipantStatus.ACTIVE);
        assertThat(directory.find("BRK001")).isPresent();
        assertThat(directory.size()).isEqualTo(1); // the expired answers made room
    }

    @Test
    void refusesATtlThatIsNotPositive() {
        assertThatThrownBy(() -> new CachingParticipantDirectory(registry, Duration.ZERO, clock))
                .hasMessageContaining("ttl must be positive");
    }
}
