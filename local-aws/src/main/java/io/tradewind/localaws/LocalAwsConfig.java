package io.tradewind.localaws;

import io.tradewind.localaws.arc.ControlPanelSpec;
import io.tradewind.localaws.mq.EmbeddedBroker;
import io.tradewind.model.topology.Deployment;
import io.tradewind.model.topology.SandboxEndpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to start the emulated regions: where their files go, which ports they bind, which routing controls the local ARC
 * cluster holds, which Node runs kinesalite, and how the regions' global tables and global databases replicate.
 *
 * @param workDir every emulator's files live below it; it is wiped at start when {@code cleanStart}
 * @param arcPorts one local ARC cluster endpoint per port (real clusters expose several; clients try each in turn)
 * @param dynamoDbReplicationLag how long a write to a global table takes to reach the other region (null: the
 *     regions' DynamoDB are not replicated)
 * @param postgresReplicationLag how long a committed change to an app's global database takes to reach the standby
 *     region (null: the regions' PostgreSQL are not replicated)
 * @param globalDatabasePort the port of the global databases' control endpoint (0: a free one); it runs only while
 *     PostgreSQL is replicated
 * @param tls each region's broker also serves {@code ssl://} with a certificate made at start ({@link
 *     io.tradewind.localaws.mq.BrokerTls}), and clients are pointed at it
 */
public record LocalAwsConfig(
        Path workDir,
        List<RegionSpec> regions,
        List<Integer> arcPorts,
        ControlPanelSpec controlPanel,
        String nodeExecutable,
        boolean cleanStart,
        Duration dynamoDbReplicationLag,
        Duration postgresReplicationLag,
        int globalDatabasePort,
        boolean tls) {

    /** Global tables' and global databases' usual lag between regions, which the sandbox emulates unless told otherwise. */
    public static final Duration DEFAULT_REPLICATION_LAG = Duration.ofMillis(500);

    public static final String PRIMARY_REGION = Deployment.PRIMARY_REGION;
    public static final String SECONDARY_REGION = Deployment.SECONDARY_REGION;

    /** The sandbox's global database endpoint, beside the ARC cluster's 47001 and 47002. */
    public static final int SANDBOX_GLOBAL_DATABASE_PORT = SandboxEndpoints.GLOBAL_DATABASE_PORT;

    public LocalAwsConfig {
        regions = List.copyOf(regions);
        arcPorts = List.copyOf(arcPorts);
        if (regions.isEmpty()) throw new IllegalArgumentException("regions is empty");
        if (arcPorts.isEmpty()) throw new IllegalArgumentException("arcPorts is empty");
        if (globalDatabasePort < 0 || globalDatabasePort > 65_535)
            throw new IllegalArgumentException("globalDatabasePort " + globalDatabasePort + " is not a port");
    }

    /**
     * The sandbox's fixed ports ({@link SandboxEndpoints}, which the command lines read too): chosen away from the
     * emulators' usual defaults so a local install never collides.
     */
    public static LocalAwsConfig sandboxDefaults(Path workDir) {
        return new LocalAwsConfig(
                workDir,
                SandboxEndpoints.regions().stream()
                        .map(LocalAwsConfig::sandboxRegion)
                        .toList(),
                SandboxEndpoints.ARC_PORTS,
                ControlPanelSpec.tradewindDefaults(List.of(PRIMARY_REGION, SECONDARY_REGION), PRIMARY_REGION),
                "node",
                true,
                DEFAULT_REPLICATION_LAG,
                DEFAULT_REPLICATION_LAG,
                SANDBOX_GLOBAL_DATABASE_PORT,
                false);
    }

    private static RegionSpec sandboxRegion(SandboxEndpoints.Region ports) {
        return new RegionSpec(
                ports.name(),
                new EmbeddedBroker.Ports(
                        ports.mqPort(),
                        ports.mqSslPort(),
                        ports.amqpPort(),
                        ports.amqpSslPort(),
                        ports.stompPort(),
                        ports.stompSslPort()),
                ports.kinesisPort(),
                ports.dynamoDbPort(),
                ports.postgresPort(),
                ports.mqApiPort());
    }

    /** The same topology on free ports, for test JVMs that may run beside a sandbox. */
    public static LocalAwsConfig ephemeral(Path workDir) {
        return new LocalAwsConfig(
                workDir,
                List.of(RegionSpec.ephemeral(PRIMARY_REGION), RegionSpec.ephemeral(SECONDARY_REGION)),
                List.of(0, 0),
                ControlPanelSpec.tradewindDefaults(List.of(PRIMARY_REGION, SECONDARY_REGION), PRIMARY_REGION),
                "node",
                true,
                DEFAULT_REPLICATION_LAG,
                DEFAULT_REPLICATION_LAG,
                0,
                false);
    }

    public LocalAwsConfig withNodeExecutable(String node) {
        return new LocalAwsConfig(
                workDir,
                regions,
                arcPorts,
                controlPanel,
                node,
                cleanStart,
                dynamoDbReplicationLag,
                postgresReplicationLag,
                globalDatabasePort,
                tls);
    }

    /** The same, with global tables replicated after {@code lag} (null: not replicated). */
    public LocalAwsConfig withDynamoDbReplicationLag(Duration lag) {
        return new LocalAwsConfig(
                workDir,
                regions,
                arcPorts,
                controlPanel,
                nodeExecutable,
                cleanStart,
                lag,
                postgresReplicationLag,
                globalDatabasePort,
                tls);
    }

    /** The same, with the apps' global databases replicated after {@code lag} (null: not replicated). */
    public LocalAwsConfig withPostgresReplicationLag(Duration lag) {
        return new LocalAwsConfig(
                workDir,
                regions,
                arcPorts,
                controlPanel,
                nodeExecutable,
                cleanStart,
                dynamoDbReplicationLag,
                lag,
                globalDatabasePort,
                tls);
    }

    /** The same, with global tables and global databases both replicated after {@code lag} (null: neither is). */
    public LocalAwsConfig withReplicationLag(Duration lag) {
        return withDynamoDbReplicationLag(lag).withPostgresReplicationLag(lag);
    }

    /** The same, with the global database endpoint on {@code port} (0: a free one). */
    public LocalAwsConfig withGlobalDatabasePort(int port) {
        return new LocalAwsConfig(
                workDir,
                regions,
                arcPorts,
                controlPanel,
                nodeExecutable,
                cleanStart,
                dynamoDbReplicationLag,
                postgresReplicationLag,
                port,
                tls);
    }

    /** The same, with each broker serving {@code ssl://} too and clients pointed at it (or not). */
    public LocalAwsConfig withTls(boolean on) {
        return new LocalAwsConfig(
                workDir,
                regions,
                arcPorts,
                controlPanel,
                nodeExecutable,
                cleanStart,
                dynamoDbReplicationLag,
                postgresReplicationLag,
                globalDatabasePort,
                on);
    }
}
