package io.tradewind.opsconsole.config;

import io.tradewind.opsconsole.adapter.actuator.ActuatorRegionServices;
import io.tradewind.opsconsole.adapter.arc.ArcRoutingControls;
import io.tradewind.opsconsole.adapter.dynamodb.DynamoDbRotationLease;
import io.tradewind.opsconsole.adapter.dynamodb.DynamoDbRunbookAudit;
import io.tradewind.opsconsole.adapter.globaldb.EmulatedGlobalDatabases;
import io.tradewind.opsconsole.adapter.kinesis.KinesisStreams;
import io.tradewind.opsconsole.adapter.mq.ActiveMqQueues;
import io.tradewind.opsconsole.adapter.postgres.PostgresQuarantineTables;
import io.tradewind.opsconsole.adapter.rds.RdsGlobalDatabases;
import io.tradewind.opsconsole.adapter.reconciliation.AuditedReconciliationRuns;
import io.tradewind.opsconsole.adapter.reconciliation.ReplayingReconciliation;
import io.tradewind.opsconsole.flow.ReconciliationHistory;
import io.tradewind.opsconsole.quarantine.QuarantineDesk;
import io.tradewind.opsconsole.runbook.GlobalDatabases;
import io.tradewind.opsconsole.runbook.Queues;
import io.tradewind.opsconsole.runbook.Reconciliation;
import io.tradewind.opsconsole.runbook.RotationDesk;
import io.tradewind.opsconsole.runbook.RotationLease;
import io.tradewind.opsconsole.runbook.RotationRunbook;
import io.tradewind.opsconsole.runbook.RoutingControls;
import io.tradewind.opsconsole.runbook.RunbookOperations;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.gateway.JmsLogin;
import io.tradewind.platform.resilience.Sleeper;
import io.tradewind.platform.sql.PostgresTimeouts;
import io.tradewind.reconciliation.api.Reconciler;
import io.tradewind.reconciliation.api.Reconcilers;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The runbook and the quarantine desk wired to a topology's endpoints, with the clients they share; close it to release
 * them. The sandbox's command line and drill both build it this way, and so does the command line on AWS from a
 * topology file.
 */
public final class RunbookWiring implements AutoCloseable {
    private final List<SdkClient> clients = new ArrayList<>();
    private final RotationRunbook runbook;
    private final DynamoDbRunbookAudit audit;
    private final DynamoDbRotationLease lease;
    private final RotationDesk operations;
    private final QuarantineDesk quarantine;
    private final ArcRoutingControls controls;
    private final ActiveMqQueues queues;
    private final GlobalDatabases databases;
    private final ReplayingReconciliation reconciliation;
    private final AuditedReconciliationRuns reconciliationRuns;
    private final Map<String, Map<String, URI>> actuators;

    /** How far back reconciliation checks journaled inputs unless told: a day. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    public static final int DEFAULT_REPLAYS_PER_SECOND = 500;

    /**
     * The wiring logged in to the brokers as {@link OperatorLogin#fromEnvironment} says (the command line's).
     *
     * @param window how far back reconciliation checks journaled inputs
     * @param replaysPerSecond the pace of reconciliation's replays
     */
    public RunbookWiring(
            RunbookTopology topology, RotationRunbook.Settings settings, Duration window, int replaysPerSecond) {
        this(topology, OperatorLogin.fromEnvironment(!topology.aws()), settings, window, replaysPerSecond);
    }

    /**
     * @param brokerLogin the operator identity's login on the brokers
     * @param window how far back reconciliation checks journaled inputs
     * @param replaysPerSecond the pace of reconciliation's replays
     */
    public RunbookWiring(
            RunbookTopology topology,
            JmsLogin brokerLogin,
            RotationRunbook.Settings settings,
            Duration window,
            int replaysPerSecond) {
        var any = topology.regions().entrySet().iterator().next();
        // ARC's cluster endpoints serve every region: any region's settings (credentials) reach them, and each
        // endpoint's client signs for the region its host names (the sandbox's emulated ones for this region).
        AwsClientFactory arcClients = new AwsClientFactory(settingsOf(topology, any.getKey(), any.getValue()));
        var arcEndpoints = arcClients.arcCluster(topology.arcEndpoints());
        clients.addAll(arcEndpoints);
        Map<String, DynamoDbClient> dynamoDbs = new LinkedHashMap<>();
        Map<String, Reconciler> reconcilers = new LinkedHashMap<>();
        Map<String, Map<String, URI>> actuators = new LinkedHashMap<>();
        this.actuators = actuators;
        Map<String, URI> brokers = new LinkedHashMap<>();
        Map<String, KinesisClient> kinesisClients = new LinkedHashMap<>();
        Map<String, PostgresQuarantineTables.ConnectionSource> postgres = new LinkedHashMap<>();
        topology.regions().forEach((name, region) -> {
            AwsClientFactory aws = new AwsClientFactory(settingsOf(topology, name, region));
            DynamoDbClient dynamoDb = aws.dynamoDb();
            KinesisClient kinesis = aws.kinesis();
            clients.add(dynamoDb);
            clients.add(kinesis);
            dynamoDbs.put(name, dynamoDb);
            kinesisClients.put(name, kinesis);
            postgres.put(name, () -> PostgresTimeouts.connect(region.jdbcUrl(), region.dbUser(), region.dbPassword()));
            reconcilers.put(
                    name, Reconcilers.inRegion(name, dynamoDb, kinesis, postgres.get(name)::open, Clock.systemUTC()));
            region.actuators().forEach((app, uri) -> actuators
                    .computeIfAbsent(app, a -> new LinkedHashMap<>())
                    .put(name, uri));
            brokers.put(name, region.broker());
        });
        audit = new DynamoDbRunbookAudit(dynamoDbs);
        lease = new DynamoDbRotationLease(dynamoDbs, Clock.systemUTC());
        controls = new ArcRoutingControls(arcEndpoints, topology.arc());
        queues = new ActiveMqQueues(brokers, brokerLogin, topology.brokerTruststore());
        databases = globalDatabases(topology);
        reconciliation = new ReplayingReconciliation(reconcilers, window, replaysPerSecond);
        reconciliationRuns = new AuditedReconciliationRuns(dynamoDbs);
        runbook = new RotationRunbook(
                controls,
                // Actuators beyond loopback (AWS) ask for the credentials the services were given, from the
                // environment.
                new ActuatorRegionServices(
                        actuators, System.getenv("TRADEWIND_HTTP_USERNAME"), System.getenv("TRADEWIND_HTTP_PASSWORD")),
                queues,
                databases,
                reconciliation,
                audit,
                lease,
                topology.inboundQueues(),
                settings,
                Clock.systemUTC());
        operations = new RotationDesk(runbook, List.copyOf(topology.regions().keySet()));
        quarantine = new QuarantineDesk(
                new PostgresQuarantineTables(postgres),
                databases,
                controls,
                queues,
                new KinesisStreams(kinesisClients),
                topology.regions().keySet().stream().sorted().toList(),
                topology.inboundQueues());
    }

    /** The wiring with the runbook's default settings, for the commands that do not rotate (the quarantine's). */
    public RunbookWiring(RunbookTopology topology) {
        this(topology, RotationRunbook.Settings.defaults(), DEFAULT_WINDOW, DEFAULT_REPLAYS_PER_SECOND);
    }

    /** The same, logged in to the brokers as {@code brokerLogin}. */
    public RunbookWiring(RunbookTopology topology, JmsLogin brokerLogin) {
        this(topology, brokerLogin, RotationRunbook.Settings.defaults(), DEFAULT_WINDOW, DEFAULT_REPLAYS_PER_SECOND);
    }

    /** The sandbox's emulators and static credentials, or on AWS the SDK's defaults where a region names no endpoint. */
    private static AwsSettings settingsOf(RunbookTopology topology, String name, RunbookTopology.Region region) {
        if (!topology.aws()) return AwsSettings.local(name, region.kinesisEndpoint(), region.dynamoDbEndpoint());
        return AwsSettings.aws(name, region.kinesisEndpoint(), region.dynamoDbEndpoint());
    }

    /** The sandbox's emulated global databases, or on AWS the Aurora global clusters through each region's RDS. */
    private GlobalDatabases globalDatabases(RunbookTopology topology) {
        if (!topology.aws()) return new EmulatedGlobalDatabases(topology.globalDatabaseEndpoint());
        Map<String, RdsClient> rds = new LinkedHashMap<>();
        Map<String, CloudWatchClient> cloudWatch = new LinkedHashMap<>();
        for (String name : topology.regions().keySet()) {
            RdsClient regionRds = RdsClient.builder()
                    .region(Region.of(name))
                    .overrideConfiguration(AwsClientFactory.boundedCalls())
                    .build();
            CloudWatchClient regionCloudWatch = CloudWatchClient.builder()
                    .region(Region.of(name))
                    .overrideConfiguration(AwsClientFactory.boundedCalls())
                    .build();
            clients.add(regionRds);
            clients.add(regionCloudWatch);
            rds.put(name, regionRds);
            cloudWatch.put(name, regionCloudWatch);
        }
        return new RdsGlobalDatabases(
                new RdsGlobalDatabases.Settings(
                        topology.auroraGlobalClusters(), rds, cloudWatch, RdsGlobalDatabases.DEFAULT_FAILOVER_TIMEOUT),
                Clock.systemUTC(),
                Sleeper.THREAD);
    }

    public RotationRunbook runbook() {
        return runbook;
    }

    /** The runbook's executions: started, followed, resumed, aborted and confirmed, under the lease. */
    public RunbookOperations operations() {
        return operations;
    }

    /** Who holds the one right to move apps, in the regions' lease table. */
    public RotationLease lease() {
        return lease;
    }

    public QuarantineDesk quarantine() {
        return quarantine;
    }

    public DynamoDbRunbookAudit audit() {
        return audit;
    }

    /** The routing controls the runbook turns (the console reads them, and turns the generator's). */
    public RoutingControls controls() {
        return controls;
    }

    /** The regions' brokers, as the runbook drains them (the console reads their depths). */
    public Queues queues() {
        return queues;
    }

    /** Each app's global database. */
    public GlobalDatabases databases() {
        return databases;
    }

    /** Reconciliation as the runbook runs it in a region (the console runs one on an operator's request). */
    public Reconciliation reconciliation() {
        return reconciliation;
    }

    /** The runs the apps' reconciliation audits hold. */
    public ReconciliationHistory reconciliationRuns() {
        return reconciliationRuns;
    }

    /** Per app, per region, the base URL of its services' HTTP side (actuator). */
    public Map<String, Map<String, URI>> actuators() {
        return actuators;
    }

    @Override
    public void close() {
        clients.forEach(SdkClient::close);
    }
}
