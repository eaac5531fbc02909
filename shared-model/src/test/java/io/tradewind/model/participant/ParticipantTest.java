package io.tradewind.model.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.values.ParticipantId;
import io.tradewind.model.wire.WireLimits;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParticipantTest {
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void anIdIsASenderIdSoItFitsTheSenderIdsLimit() {
        String longest = "P".repeat(WireLimits.MAX_PARTICIPANT_ID_LENGTH);

        assertThat(Participant.onboard(new ParticipantId(longest), Set.of(Role.BROKER), T)
                        .id()
                        .value())
                .isEqualTo(longest);
        assertThatThrownBy(() -> Participant.onboard(new ParticipantId(longest + "P"), Set.of(Role.BROKER), T))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most " + WireLimits.MAX_PARTICIPANT_ID_LENGTH);
    }

    @Test
    void refusesAServicesNameAndAParticipantWithoutRole() {
        assertThatThrownBy(() ->
                        Participant.onboard(new ParticipantId(ServiceIdentity.OPERATOR.user()), Set.of(Role.BROKER), T))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> Participant.onboard(new ParticipantId("BRK001"), Set.of(), T))
                .hasMessageContaining("no role");
    }
}
