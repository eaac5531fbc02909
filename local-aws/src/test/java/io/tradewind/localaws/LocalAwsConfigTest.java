package io.tradewind.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.localaws.mq.EmbeddedBroker;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalAwsConfigTest {
    private static final Path WORK_DIR = Path.of("target/unused");

    @Test
    void sandboxReplicatesGlobalTablesAndGlobalDatabasesWithTheDefaultLagAndControlsThemOn47005() {
        LocalAwsConfig config = LocalAwsConfig.sandboxDefaults(WORK_DIR);

        assertThat(config.dynamoDbReplicationLag()).isEqualTo(LocalAwsConfig.DEFAULT_REPLICATION_LAG);
        assertThat(config.postgresReplicationLag()).isEqualTo(LocalAwsConfig.DEFAULT_REPLICATION_LAG);
        assertThat(config.globalDatabasePort()).isEqualTo(47005);
        assertThat(LocalAwsConfig.ephemeral(WORK_DIR).globalDatabasePort()).isZero();
    }

    /** The README's table of ports, which every command line reaches from --region through SandboxEndpoints. */
    @Test
    void sandboxBindsTheReadmesFixedPortsPerRegion() {
        LocalAwsConfig config = LocalAwsConfig.sandboxDefaults(WORK_DIR);

        assertThat(config.regions())
                .containsExactly(
                        new RegionSpec(
                                "us-east-1",
                                new EmbeddedBroker.Ports(47101, 47105, 47107, 47109, 47108, 47110),
                                47102,
                                47103,
                                47104,
                                47106),
                        new RegionSpec(
                                "us-west-2",
                                new EmbeddedBroker.Ports(47201, 47205, 47207, 47209, 47208, 47210),
                                47202,
                                47203,
                                47204,
                                47206));
        assertThat(config.arcPorts()).containsExactly(47001, 47002);
    }

    @Test
    void replicationLagSetsBothStoresAndEachCanBeSetAlone() {
        LocalAwsConfig off = LocalAwsConfig.ephemeral(WORK_DIR).withReplicationLag(null);
        assertThat(off.dynamoDbReplicationLag()).isNull();
        assertThat(off.postgresReplicationLag()).isNull();

        LocalAwsConfig postgresOnly = off.withPostgresReplicationLag(Duration.ofMillis(50));
        assertThat(postgresOnly.dynamoDbReplicationLag()).isNull();
        assertThat(postgresOnly.postgresReplicationLag()).isEqualTo(Duration.ofMillis(50));

        LocalAwsConfig dynamoDbOff = LocalAwsConfig.ephemeral(WORK_DIR).withDynamoDbReplicationLag(null);
        assertThat(dynamoDbOff.dynamoDbReplicationLag()).isNull();
        assertThat(dynamoDbOff.postgresReplicationLag()).isEqualTo(LocalAwsConfig.DEFAULT_REPLICATION_LAG);
    }

    @Test
    void refusesAGlobalDatabasePortThatIsNoPort() {
        assertThatThrownBy(() -> LocalAwsConfig.ephemeral(WORK_DIR).withGlobalDatabasePort(70_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("globalDatabasePort 70000");
    }

    @Test
    void tlsIsOffUnlessAskedAndTheSandboxServesSslOnFixedPortsBesideTcp() {
        LocalAwsConfig sandbox = LocalAwsConfig.sandboxDefaults(WORK_DIR);
        assertThat(sandbox.tls()).isFalse();
        assertThat(sandbox.withTls(true).tls()).isTrue();
        assertThat(sandbox.withTls(true).withReplicationLag(null).tls()).isTrue();
        assertThat(sandbox.regions()).extracting(RegionSpec::mqSslPort).containsExactly(47105, 47205);
        assertThat(LocalAwsConfig.ephemeral(WORK_DIR).regions())
                .extracting(RegionSpec::mqSslPort)
                .containsOnly(0);
    }

    @Test
    void theSandboxServesAmqpAndStompOnFixedPortsAndTheirTlsTwinsBesideThem() {
        assertThat(LocalAwsConfig.sandboxDefaults(WORK_DIR).regions())
                .extracting(RegionSpec::brokerPorts)
                .containsExactly(
                        new EmbeddedBroker.Ports(47101, 47105, 47107, 47109, 47108, 47110),
                        new EmbeddedBroker.Ports(47201, 47205, 47207, 47209, 47208, 47210));
        assertThat(LocalAwsConfig.ephemeral(WORK_DIR).regions())
                .extracting(RegionSpec::brokerPorts)
                .containsOnly(EmbeddedBroker.Ports.ephemeral());
    }
}
