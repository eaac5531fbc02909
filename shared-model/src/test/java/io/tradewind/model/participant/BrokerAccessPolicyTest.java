package io.tradewind.model.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.participant.BrokerAccessPolicy.AccessRule;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.values.ParticipantId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BrokerAccessPolicyTest {
    private static final List<AccessRule> RULES = BrokerAccessPolicy.rules(List.of("BRK001", "IM042"));

    private static AccessRule rule(String destination) {
        return RULES.stream()
                .filter(rule -> rule.destination().equals(destination))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aParticipantIsInItsRolesGroupsAndItsOwn() {
        Participant broker = Participant.onboard(
                new ParticipantId("BRK001"), Set.of(Role.BROKER, Role.SETTLEMENT_DESK), Instant.EPOCH);
        assertThat(BrokerAccessPolicy.groupsOf(broker))
                .containsExactlyInAnyOrder("authenticated", "BROKER", "SETTLEMENT_DESK", "participant.BRK001");
    }

    @Test
    void onlyTheRolesOfAnInboundQueueWriteItAndOnlyItsAppReadsIt() {
        assertThat(rule(Queues.TRADES_INBOUND).write())
                .as("the operator moves messages between regions, carrying their first sender")
                .containsExactlyInAnyOrder("BROKER", "INVESTMENT_MANAGER", "service.ops-console");
        assertThat(rule(Queues.TRADES_INBOUND).read())
                .containsExactlyInAnyOrder("service.trade-matching", "service.ops-console");
        assertThat(rule(Queues.SETTLEMENTS_INBOUND).write())
                .containsExactlyInAnyOrder("SETTLEMENT_DESK", "service.trade-matching", "service.ops-console");
        assertThat(RULES).allSatisfy(rule -> assertThat(rule.admin()).doesNotContain("BROKER", "INVESTMENT_MANAGER"));
    }

    @Test
    void onlySettlementMatchingWritesConfirmationsBesideTheOperatorMovingThem() {
        assertThat(rule(Queues.SETTLEMENTS_CONFIRMATIONS).write())
                .containsExactlyInAnyOrder("service.settlement-matching", "service.ops-console");
    }

    @Test
    void aPrivateStatusQueueIsReadOnlyByItsParticipant() {
        assertThat(rule(Queues.tradesStatusOf("BRK001")).read()).containsExactly("participant.BRK001");
        assertThat(rule(Queues.settlementsStatusOf("IM042")).read()).containsExactly("participant.IM042");
        assertThat(rule(Queues.everyPrivateQueue(Queues.TRADES_STATUS)).read())
                .as("the wildcard lets no participant read, only the operator browse")
                .containsExactly("service.ops-console");
        assertThat(rule(Queues.everyPrivateQueue(Queues.TRADES_STATUS)).write())
                .containsExactly("service.trade-matching");
    }

    @Test
    void aParticipantCannotTakeAServicesNameOrAnIdNoQueueCouldCarry() {
        assertThatThrownBy(() ->
                        Participant.onboard(new ParticipantId("trade-matching"), Set.of(Role.BROKER), Instant.EPOCH))
                .hasMessageContaining("reserved for a service");
        assertThatThrownBy(() -> Participant.onboard(new ParticipantId("unknown"), Set.of(Role.BROKER), Instant.EPOCH))
                .hasMessageContaining("stands for no sender");
        assertThatThrownBy(() -> Participant.onboard(new ParticipantId("BRK>"), Set.of(Role.BROKER), Instant.EPOCH))
                .hasMessageContaining("not a participant id of the wire contract");
        assertThatThrownBy(() -> Participant.onboard(new ParticipantId("BRK9"), Set.of(), Instant.EPOCH))
                .hasMessageContaining("no role");
    }
}
