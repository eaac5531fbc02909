package io.tradewind.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                        new RegionSpec("us-east-1", 47101, 47102, 47103, 47104, 47105, 47106),
                        new RegionSpec("us-west-2", 47201, 47202, 47203, 47204, 47205, 47206));
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
}
