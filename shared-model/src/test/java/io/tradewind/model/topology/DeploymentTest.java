package io.tradewind.model.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.participant.ServiceIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each service of a region touches, as its task role and its task definition must declare it. */
class DeploymentTest {

    @Test
    void namesEachImageAfterItsDeployable() {
        assertThat(Deployable.ids())
                .containsExactly(
                        "trade-matching",
                        "settlement-matching",
                        "trade-generator",
                        "reconciliation-replay",
                        "ops-console");
        assertThat(Deployable.TRADE_MATCHING.image()).isEqualTo("tradewind/trade-matching");
        assertThat(Deployable.OPS_CONSOLE.image()).isEqualTo("tradewind/ops-console");
        assertThat(Deployable.SETTLEMENT_MATCHING.app()).contains(App.SETTLEMENT_MATCHING);
        assertThat(Deployable.TRADE_GENERATOR.app()).isEmpty();
    }

    @Test
    void givesEveryServiceIdentityABrokerUserAndASecret() {
        assertThat(Deployable.brokerUsers()).isEqualTo(ServiceIdentity.users());
        assertThat(Secrets.mq(Deployable.OPS_CONSOLE)).isEqualTo("tradewind/ops-console/mq");
        assertThat(Secrets.database(App.TRADE_MATCHING)).isEqualTo("tradewind/trade-matching/database");
        assertThatThrownBy(() -> Secrets.mq(Deployable.RECONCILIATION_REPLAY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reconciliation-replay");
        assertThat(Secrets.all())
                .containsExactly(
                        "tradewind/trade-matching/mq",
                        "tradewind/settlement-matching/mq",
                        "tradewind/ops-console/mq",
                        "tradewind/trade-matching/database",
                        "tradewind/settlement-matching/database",
                        "tradewind/actuator");
    }

    @Test
    void spellsEachPropertyAsSpringReadsItFromTheEnvironment() {
        assertThat(TaskEnvironment.ARC_CONTROL_PANEL_ARN).isEqualTo("TRADEWIND_ARC_CONTROLPANELARN");
        assertThat(TaskEnvironment.ARC_ROUTING_CONTROL_ARNS).isEqualTo("TRADEWIND_ARC_ROUTINGCONTROLARNS");
        assertThat(TaskEnvironment.MQ_BROKER_URL).isEqualTo("TRADEWIND_MQ_BROKERURL");
        assertThat(TaskEnvironment.stages(App.TRADE_MATCHING)).isEqualTo("TRADEWIND_TRADEMATCHING_STAGES");
        assertThat(TaskEnvironment.stages(App.SETTLEMENT_MATCHING)).isEqualTo("TRADEWIND_SETTLEMENTMATCHING_STAGES");
        assertThat(TaskEnvironment.HTTP_PASSWORD).isEqualTo("TRADEWIND_HTTP_PASSWORD");
        assertThat(TaskEnvironment.MQ_PASSWORD).isEqualTo("TRADEWIND_MQ_PASSWORD");
        assertThat(TaskEnvironment.peerRegionBrokers(App.TRADE_MATCHING))
                .isEqualTo("tradewind.trade-matching.settlement-region-brokers");
        assertThat(TaskEnvironment.peerRegionBrokers(App.SETTLEMENT_MATCHING))
                .isEqualTo("tradewind.settlement-matching.trade-matching-region-brokers");
        assertThat(TaskEnvironment.datasourceUrl("db.example", App.SETTLEMENT_MATCHING))
                .isEqualTo("jdbc:postgresql://db.example:5432/tradewind?currentSchema=settlement_matching");
    }

    @Test
    void wiresEachStageFromTheStreamIntoItToTheStreamIntoTheNext() {
        StageFootprint gateway = Deployment.footprint(App.TRADE_MATCHING, Stages.INBOUND_GATEWAY, "us-east-1");
        assertThat(gateway.service()).isEqualTo("trade-matching-inbound-gateway");
        assertThat(gateway.streamsRead()).isEmpty();
        assertThat(gateway.streamsWritten()).containsExactly("trade-matching-ingestion");
        assertThat(gateway.tablesRead()).containsExactly("trade-matching-inbound-journal");
        assertThat(gateway.tablesWritten()).containsExactly("trade-matching-inbound-journal");
        assertThat(gateway.ensuredTables()).isEmpty();
        assertThat(gateway.queues()).containsExactly("trades.inbound", "settlements.confirmations");
        assertThat(gateway.routingControls()).containsExactly("trade-matching-inbound-us-east-1");
        assertThat(gateway.secrets())
                .containsExactly("tradewind/trade-matching/mq", "tradewind/trade-matching/database");

        StageFootprint ingestion = Deployment.footprint(App.SETTLEMENT_MATCHING, Stages.INGESTION, "us-west-2");
        assertThat(ingestion.streamsRead()).containsExactly("settlement-matching-ingestion");
        assertThat(ingestion.streamsWritten())
                .containsExactly("settlement-matching-matching", "settlement-matching-outbound-gateway");
        assertThat(ingestion.tablesRead()).containsExactly("tradewind-participants");
        assertThat(ingestion.tablesWritten()).isEmpty();
        assertThat(ingestion.ensuredTables())
                .containsExactly(
                        "settlement-matching-ingestion",
                        "settlement-matching-ingestion-CoordinatorState",
                        "settlement-matching-ingestion-WorkerMetricStats");
        assertThat(ingestion.routingControls()).containsExactly("settlement-matching-processing-us-west-2");
        assertThat(ingestion.secrets()).containsExactly("tradewind/settlement-matching/database");
        assertThat(ingestion.environment()).doesNotContain(TaskEnvironment.MQ_SECRET_ID);
    }

    @Test
    void letsTheOutboundGatewayFollowThePeersInboundControlInEveryRegion() {
        StageFootprint outbound = Deployment.footprint(App.TRADE_MATCHING, Stages.OUTBOUND_GATEWAY, "us-west-2");

        assertThat(outbound.streamsRead()).containsExactly("trade-matching-outbound-gateway");
        assertThat(outbound.streamsWritten()).isEmpty();
        assertThat(outbound.tablesRead()).containsExactly("trade-matching-send-ledger");
        assertThat(outbound.tablesWritten()).containsExactly("trade-matching-send-ledger");
        assertThat(outbound.queues()).containsExactly("trades.status.>", "settlements.inbound");
        assertThat(outbound.routingControls())
                .containsExactly(
                        "trade-matching-processing-us-west-2",
                        "settlement-matching-inbound-us-east-1",
                        "settlement-matching-inbound-us-west-2");
        assertThat(outbound.environment())
                .contains(TaskEnvironment.SPRING_APPLICATION_JSON, TaskEnvironment.MQ_SECRET_ID);
        assertThat(outbound.secretEnvironment())
                .isEqualTo(Map.of(
                        "TRADEWIND_HTTP_PASSWORD", new StageFootprint.SecretKey("tradewind/actuator", "password"),
                        "TRADEWIND_HTTP_USERNAME", new StageFootprint.SecretKey("tradewind/actuator", "username")));
    }

    @Test
    void listsEveryServiceOfARegionOnce() {
        List<String> services = Deployment.footprints("us-east-1").stream()
                .map(StageFootprint::service)
                .toList();

        assertThat(services).doesNotHaveDuplicates().hasSize(14);
        assertThat(services)
                .contains(
                        "trade-matching-matching",
                        "settlement-matching-outbound-gateway",
                        "trade-generator",
                        "reconciliation-replay-trade-matching",
                        "reconciliation-replay-settlement-matching",
                        "ops-console");
        assertThatThrownBy(() -> Deployment.footprints("eu-west-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("region 'eu-west-1' is none of us-east-1, us-west-2");
    }

    @Test
    void givesReconciliationItsAppsDatabasePasswordAndNothingOfTheOtherApp() {
        StageFootprint replay = Deployment.footprints("us-east-1").stream()
                .filter(each -> each.service().equals("reconciliation-replay-settlement-matching"))
                .findFirst()
                .orElseThrow();

        assertThat(replay.streamsWritten()).containsExactly("settlement-matching-ingestion");
        assertThat(replay.tablesRead()).containsExactly("settlement-matching-inbound-journal");
        assertThat(replay.tablesWritten()).containsExactly("settlement-matching-reconciliation-audit");
        assertThat(replay.secretEnvironment())
                .isEqualTo(Map.of(
                        "TRADEWIND_DB_PASSWORD",
                        new StageFootprint.SecretKey("tradewind/settlement-matching/database", "password")));
    }

    @Test
    void declaresEveryStreamTableAndControlOnce() {
        assertThat(Deployment.streams()).hasSize(8).doesNotHaveDuplicates();
        assertThat(Deployment.globalTables())
                .hasSize(11)
                .doesNotHaveDuplicates()
                .contains(
                        "trade-matching-send-ledger",
                        "tradewind-participants",
                        "ops-rotation-audit",
                        "ops-rotation-lease");
        assertThat(Deployment.stronglyConsistentTables())
                .containsExactly("trade-matching-send-ledger", "settlement-matching-send-ledger", "ops-rotation-lease");
        assertThat(Deployment.globalTables()).containsAll(Deployment.stronglyConsistentTables());
        assertThat(Deployment.routingControls())
                .hasSize(9)
                .contains("settlement-matching-processing-us-west-2", "generator");
    }

    @Test
    void refusesAVariableThatIsBothPlainAndFromASecret() {
        assertThatThrownBy(() -> new StageFootprint(
                        "x",
                        Deployable.OPS_CONSOLE,
                        null,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of("TRADEWIND_MQ_PASSWORD"),
                        Map.of("TRADEWIND_MQ_PASSWORD", new StageFootprint.SecretKey("s", "password")),
                        false,
                        true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x: TRADEWIND_MQ_PASSWORD is both a plain variable and one filled from a secret");
    }

    @Test
    void theOpsConsoleIsAServiceThatHoldsTheLeaseReadsItsUsersAndGetsItsTopology() {
        StageFootprint console = Deployment.footprints(Deployment.SECONDARY_REGION).stream()
                .filter(footprint -> footprint.deployable() == Deployable.OPS_CONSOLE)
                .findFirst()
                .orElseThrow();

        assertThat(console.ensuredTables()).containsExactlyInAnyOrder("ops-rotation-audit", "ops-rotation-lease");
        assertThat(console.secrets()).contains("tradewind/ops-console/users");
        assertThat(console.environment())
                .containsExactlyInAnyOrder(
                        "SPRING_PROFILES_ACTIVE",
                        "SERVER_PORT",
                        "TRADEWIND_REGION",
                        "TRADEWIND_CONSOLE_TOPOLOGY",
                        "TRADEWIND_CONSOLE_USERS_SECRET_ID",
                        "SPRING_APPLICATION_JSON");
        assertThat(console.operator()).isTrue();
        assertThat(Secrets.all()).doesNotContain(Secrets.CONSOLE_USERS);
        assertThat(Secrets.setByThePlatformTeam()).containsExactly("tradewind/ops-console/users");
    }
}
