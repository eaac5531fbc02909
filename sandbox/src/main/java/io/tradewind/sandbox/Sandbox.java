package io.tradewind.sandbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.ServiceProperties;
import io.tradewind.localaws.arc.RoutingControlState;
import io.tradewind.localaws.dynamodb.GlobalTableReplicator;
import io.tradewind.localaws.mq.BrokerTls;
import io.tradewind.localaws.postgres.PostgresReplicator;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Deployable;
import io.tradewind.model.topology.RoutingControls;
import io.tradewind.model.topology.SandboxEndpoints;
import io.tradewind.model.topology.Stages;
import io.tradewind.opsconsole.OpsConsoleApplication;
import io.tradewind.opsconsole.access.ConsoleUsers;
import io.tradewind.opsconsole.config.ConsoleConfiguration;
import io.tradewind.opsconsole.config.ParticipantWiring;
import io.tradewind.opsconsole.config.RunbookTopology;
import io.tradewind.opsconsole.participant.Onboarding;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.cli.CommandLines;
import io.tradewind.platform.cli.VerboseOption;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.metrics.ReplicationMetrics;
import io.tradewind.platform.stream.KclLeaseTable;
import io.tradewind.reconciliation.ReconciliationReplayApplication;
import io.tradewind.sandbox.drill.RotationDrill;
import io.tradewind.sandbox.load.TradeLoadHarness;
import io.tradewind.sandbox.stop.OrderedShutdown;
import io.tradewind.sandbox.stop.ShutdownSignals;
import io.tradewind.settlementmatching.SettlementMatchingApplication;
import io.tradewind.tradegenerator.TradeGeneratorApplication;
import io.tradewind.tradegenerator.cli.PostCommand;
import io.tradewind.tradematching.TradeMatchingApplication;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Runs Tradewind locally: both emulated regions, the demo participants onboarded (their secrets printed and written to
 * {@code <work-dir>/credentials.properties}), then every service of every app in each region, and one ops console for
 * both regions, in this one process, until interrupted. Prints every endpoint and how long start-up took.
 */
@Command(
        name = "tradewind-sandbox",
        mixinStandardHelpOptions = true,
        subcommands = {TradeLoadHarness.class, RotationDrill.class, PostCommand.class},
        description = "Runs two emulated AWS regions and every Tradewind service in one process.")
public final class Sandbox implements Callable<Integer>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

    /** The services with an HTTP side (actuator metrics), and their port per region in the sandbox. */
    static final Map<String, Integer> HTTP_PORTS = httpPorts();

    /** Every service started in each region, by the name its routing controls and tables use. */
    static final Map<String, Class<?>> APPS = apps();

    /** The ops console's port (one console for both regions), on loopback. */
    public static final int CONSOLE_PORT = SandboxEndpoints.CONSOLE_PORT;

    /** The topology the console reads, in the work dir: it holds the databases' login, so its owner only reads it. */
    static final String CONSOLE_TOPOLOGY_FILE = "console-topology.json";

    @Mixin
    EmulatorOptions emulators = new EmulatorOptions();

    @Mixin
    VerboseOption verbose;

    @Option(
            names = "--generator-rate",
            defaultValue = "20",
            description = "Trades per second the generator posts while the generator control is On."
                    + " Default: ${DEFAULT-VALUE}")
    double generatorRate;

    @Option(names = "--generator-pairs", description = "Stop the generator after this many pairs. Default: never.")
    Long generatorPairs;

    @Option(names = "--generator-seed", defaultValue = "42", description = "The generator's seed. Default: 42")
    long generatorSeed;

    @Option(
            names = "--generator-on",
            description = "Turn the global generator routing control On at start (it starts Off).")
    boolean generatorOn;

    @Option(names = "--exit-after-start", description = "Start everything, print the endpoints, then stop (a check).")
    boolean exitAfterStart;

    private volatile LocalAws aws;
    /** Set once {@link #close} began: nothing starts after it. */
    private volatile boolean closed;

    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final Map<String, ConfigurableApplicationContext> servicesByKey = new LinkedHashMap<>();
    private ConfigurableApplicationContext console;
    private Duration startupTime;
    private List<Onboarding.Onboarded> participants = List.of();
    private DemoConsoleUsers consoleUsers;

    private static Map<String, Integer> httpPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (SandboxEndpoints.Region region : SandboxEndpoints.regions())
            for (App app : App.values()) ports.put(app.id() + "@" + region.name(), region.httpPort(app));
        return Map.copyOf(ports);
    }

    private static Map<String, Class<?>> apps() {
        Map<String, Class<?>> apps = new LinkedHashMap<>();
        apps.put(App.TRADE_MATCHING.id(), TradeMatchingApplication.class);
        apps.put(App.SETTLEMENT_MATCHING.id(), SettlementMatchingApplication.class);
        apps.put("trade-generator", TradeGeneratorApplication.class);
        apps.put("reconciliation-replay", ReconciliationReplayApplication.class);
        return apps;
    }

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new Sandbox(), args));
    }

    @Override
    public Integer call() throws Exception {
        // Before the start: Ctrl-C during it stops what has started, in order.
        ShutdownSignals.install(this::close, this::kill);
        start();
        System.out.println(describe());
        if (exitAfterStart) {
            close();
            return 0;
        }
        System.out.println("Tradewind sandbox is running; press Ctrl-C to stop.");
        new CountDownLatch(1).await(); // until the JVM exits: its shutdown hook stops the sandbox
        return 0;
    }

    /** Starts the emulators, then every service in every region. */
    public void start() throws Exception {
        long startNanos = System.nanoTime();
        LocalAwsConfig config = (emulators.ephemeralPorts
                        ? LocalAwsConfig.ephemeral(workDir())
                        : LocalAwsConfig.sandboxDefaults(workDir()))
                .withNodeExecutable(emulators.node)
                .withTls(emulators.tls);
        LocalAws started = LocalAws.start(config);
        synchronized (this) {
            aws = started;
            if (closed) {
                // Stopped while the emulators started, before the shutdown could know them: they stop now.
                OrderedShutdown.of("the sandbox's emulators")
                        .steps(OrderedShutdown.emulators(started))
                        .build()
                        .run();
                throw new IllegalStateException("the sandbox was stopped while it started");
            }
        }
        onboardDemoParticipants();
        // Beside the broker credentials, where the ops console's command line looks for them.
        consoleUsers = DemoConsoleUsers.create(credentialsFile().getParent(), new SecureRandom());
        for (EmulatedRegion region : aws.regions()) for (String app : APPS.keySet()) startService(app, region);
        startConsole();
        startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
        if (generatorOn) switchGenerator(true);
    }

    /**
     * Onboards the demo participants through the ops console's onboarding, as an operator would (the registry, and a
     * broker user on every region's broker), and writes their secrets to the credentials file before any service
     * starts, so the trade generator and the load harness find them.
     */
    private void onboardDemoParticipants() {
        try (ParticipantWiring wiring =
                ParticipantWiring.open(runbookRegions(), false, LocalAwsConfig.PRIMARY_REGION)) {
            participants = DemoParticipants.onboard(wiring.onboarding(), DemoParticipants.all());
        }
        DemoParticipants.passwords(participants).forEach(aws.credentials()::put);
    }

    /** The broker users' file: {@code user=password} lines, readable by its owner only. */
    public Path credentialsFile() {
        return aws.credentials().file();
    }

    /** The demo participants as onboarded at start, with their secrets. */
    public List<Onboarding.Onboarded> participants() {
        return participants;
    }

    /**
     * The console's users' passwords by user ({@code sre-operator}, an operator, then {@code sre-viewer}, a viewer), new at
     * every start; also in {@code <work-dir>/console-logins.properties}, readable by its owner only.
     */
    public Map<String, String> consoleLogins() {
        return consoleUsers.logins();
    }

    /** Starts one app's service in one region, with the properties it would have on AWS there. */
    private void startService(String app, EmulatedRegion region) {
        Map<String, Object> properties = new LinkedHashMap<>(ServiceProperties.forRegion(aws, region.name(), app));
        if (app.equals("trade-generator")) properties.putAll(generatorProperties(region));
        properties.putAll(peerBrokerProperties(app));
        Integer port = HTTP_PORTS.get(app + "@" + region.name());
        if (port != null) {
            properties.put("spring.main.web-application-type", "servlet");
            properties.put("server.port", emulators.ephemeralPorts ? 0 : port);
            properties.put("server.address", "127.0.0.1");
        }
        properties.putAll(STOPPING_PROPERTIES);
        ConfigurableApplicationContext service = new SpringApplicationBuilder(APPS.get(app))
                .properties(properties)
                .registerShutdownHook(false)
                .run();
        exposeReplicationLag(service);
        keep(app + "@" + region.name(), service);
    }

    /**
     * How a service of the sandbox stops: its web server at once (an open dashboard's event stream would hold a
     * graceful one for 30 s), within the bound every service has ({@link OrderedShutdown#SERVICES_BOUND}).
     */
    private static final Map<String, Object> STOPPING_PROPERTIES = Map.of("server.shutdown", "immediate");

    /** Keeps a started service for {@link #close}, or closes it now if the sandbox is stopping already. */
    private synchronized void keep(String key, ConfigurableApplicationContext service) {
        if (closed) {
            service.close();
            throw new IllegalStateException("the sandbox stopped while " + key + " started");
        }
        services.add(service);
        servicesByKey.put(key, service);
    }

    /**
     * Starts the one ops console for both regions, on loopback: it reads this sandbox's endpoints from a topology file
     * written for it now (the services' ports are known by then) and logs in to the brokers as {@code ops-console} with
     * the password in the credentials file.
     */
    private void startConsole() throws IOException {
        Path topology = workDir().resolve(CONSOLE_TOPOLOGY_FILE);
        Files.deleteIfExists(topology);
        Files.createFile(topology, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(topology, runbookTopology().toJson(), StandardCharsets.UTF_8);
        // What every service of the sandbox's classpath needs to start (Spring Cloud AWS's region and the emulators'
        // credentials, a database for the auto-configured pool), as the primary region gives them: the console itself
        // reads only its topology.
        Map<String, Object> properties = new LinkedHashMap<>(
                ServiceProperties.forRegion(aws, LocalAwsConfig.PRIMARY_REGION, Deployable.OPS_CONSOLE.id()));
        properties.put("spring.application.name", Deployable.OPS_CONSOLE.id());
        properties.put("spring.main.web-application-type", "servlet");
        properties.put("server.address", "127.0.0.1");
        properties.put("server.port", emulators.ephemeralPorts ? 0 : CONSOLE_PORT);
        properties.put(ConsoleConfiguration.TOPOLOGY_FILE, topology.toString());
        properties.put(
                ConsoleConfiguration.BROKER_CREDENTIALS, credentialsFile().toString());
        // The console is handed its users' hashes, never their passwords.
        properties.put(ConsoleUsers.PROPERTY, consoleUsers.users().toJson());
        properties.putAll(STOPPING_PROPERTIES);
        ConfigurableApplicationContext started = new SpringApplicationBuilder(OpsConsoleApplication.class)
                .properties(properties)
                .registerShutdownHook(false)
                .run();
        synchronized (this) {
            console = started;
            if (closed) throw new IllegalStateException("the sandbox stopped while the ops console started");
        }
    }

    /** The ops console's dashboard, e.g. {@code http://127.0.0.1:48080/}; its API is under {@code /api}. */
    public URI consoleUrl() {
        if (console == null) throw new IllegalStateException("the sandbox is not started");
        return URI.create("http://127.0.0.1:" + console.getEnvironment().getProperty("local.server.port") + "/");
    }

    /** What a region's sudden loss left unreplicated, measured at the moment it was killed (the failover's RPO). */
    public record RegionLoss(int unreplicatedWrites, long oldestUnreplicatedMillis) {}

    /** The apps a region runs for Tradewind; the generator (a counterparty) and idle tools are not part of an outage. */
    static final List<String> REGION_APPS = App.ids();

    /**
     * Kills a region as an outage would: its broker stops without a drain (what it holds stays on its disk), its apps
     * stop where they are, and its stores stop replicating: the global tables' writes and each global database's
     * changes that had not reached the other region are cut off and counted. The stores' servers stay up, as the
     * region's data does on AWS, for {@link #restoreRegion}.
     */
    public RegionLoss killRegion(String regionName) throws Exception {
        synchronized (regionMoves) {
            return killRegionNow(regionName);
        }
    }

    /**
     * Serializes {@link #killRegion} and {@link #restoreRegion}, which take seconds; {@link #close} does not wait for
     * them (it holds this object's own lock only for moments).
     */
    private final Object regionMoves = new Object();

    private RegionLoss killRegionNow(String regionName) throws Exception {
        if (closed) throw new IllegalStateException("the sandbox is stopping: region " + regionName + " stays");
        EmulatedRegion region = aws.region(regionName);
        region.broker().close();
        // The stores are cut off at the moment of the kill: what they had not shipped by now is the loss.
        GlobalTableReplicator.RegionLoss tables = aws.dynamoDbReplication()
                .map(r -> r.loseRegion(regionName))
                .orElse(new GlobalTableReplicator.RegionLoss(0, 0));
        for (PostgresReplicator database : aws.postgresReplications().values())
            if (database.writer().equals(regionName)) database.isolateWriter();
        List<CompletableFuture<Void>> stopping = new ArrayList<>();
        for (String app : REGION_APPS) {
            ConfigurableApplicationContext service = forget(app + "@" + regionName);
            if (service == null) continue;
            stopping.add(CompletableFuture.runAsync(() -> {
                try {
                    service.close();
                } catch (RuntimeException e) {
                    log.warn("stopping {} in the killed region {} failed", app, regionName, e);
                }
            }));
        }
        stopping.forEach(CompletableFuture::join);
        log.warn("region {} killed: {} global-table writes had not replicated", regionName, tables.writes());
        return new RegionLoss(tables.writes(), tables.oldestMillis());
    }

    /**
     * Brings a killed region back: its broker restarts with what it held, its global tables replicate again, each
     * global database it was failed away from is rejoined (made equal to the writer's copy, as Aurora rebuilds a
     * former primary), and its apps start again, idle behind their routing controls.
     */
    public void restoreRegion(String regionName) throws Exception {
        synchronized (regionMoves) {
            restoreRegionNow(regionName);
        }
    }

    private void restoreRegionNow(String regionName) throws Exception {
        if (closed) throw new IllegalStateException("the sandbox is stopping: region " + regionName + " stays down");
        EmulatedRegion region = aws.region(regionName);
        region.broker().restart();
        aws.dynamoDbReplication().ifPresent(r -> r.restoreRegion(regionName));
        for (PostgresReplicator database : aws.postgresReplications().values())
            if (database.needsRejoin(regionName)) database.rejoin(regionName);
        long skipped = skipStaleStreamRecords(region);
        log.info(
                "region {} restored: {} records its streams held at the kill are skipped (reconciliation replays what"
                        + " the journal says they carried)",
                regionName,
                skipped);
        for (String app : REGION_APPS) if (service(app + "@" + regionName) == null) startService(app, region);
    }

    private synchronized ConfigurableApplicationContext service(String key) {
        return servicesByKey.get(key);
    }

    /** No longer kept for {@link #close}: the caller stops it. */
    private synchronized ConfigurableApplicationContext forget(String key) {
        ConfigurableApplicationContext service = servicesByKey.remove(key);
        if (service != null) services.remove(service);
        return service;
    }

    /**
     * The streams rejoin as the databases do: what they still held belongs to the history the failover abandoned, and
     * processed against the rebuilt databases it would report old states after new ones under the same versions.
     */
    private static long skipStaleStreamRecords(EmulatedRegion region) {
        AwsClientFactory clients = new AwsClientFactory(
                AwsSettings.local(region.name(), region.kinesisEndpoint(), region.dynamoDbEndpoint()));
        long skipped = 0;
        try (KinesisClient kinesis = clients.kinesis();
                DynamoDbClient dynamoDb = clients.dynamoDb()) {
            List<String> tables =
                    dynamoDb.listTablesPaginator().tableNames().stream().toList();
            for (App app : App.values())
                for (String stage : Stages.STREAM_CONSUMERS) {
                    String leases = app.component(stage); // KCL's application, named after the stage
                    if (tables.contains(leases))
                        skipped += KclLeaseTable.skipToTip(kinesis, dynamoDb, leases, app.streamInto(stage));
                }
        }
        return skipped;
    }

    /** Each region's endpoints as the runbook and onboarding find them. */
    private Map<String, RunbookTopology.Region> runbookRegions() {
        Map<String, RunbookTopology.Region> regions = new LinkedHashMap<>();
        for (EmulatedRegion region : aws.regions()) {
            Map<String, URI> actuators = new LinkedHashMap<>();
            for (String app : REGION_APPS) {
                ConfigurableApplicationContext service = service(app + "@" + region.name());
                int port = service == null
                        ? HTTP_PORTS.get(app + "@" + region.name())
                        : Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
                actuators.put(app, URI.create("http://127.0.0.1:" + port));
            }
            regions.put(region.name(), regionOf(region, actuators));
        }
        return regions;
    }

    /** Where the runbook finds this sandbox's endpoints, as they are now (a restarted service may have a new port). */
    public RunbookTopology runbookTopology() {
        return new RunbookTopology(
                aws.arc().endpoints(),
                aws.arc().controlPanelArn(),
                aws.globalDatabaseEndpoint()
                        .orElseThrow(() -> new IllegalStateException("the sandbox runs without global databases")),
                Map.of(),
                runbookRegions(),
                RunbookTopology.INBOUND_QUEUES,
                brokerTruststore().orElse(null));
    }

    /** What clients of the brokers' ssl:// URLs trust, when the sandbox runs with TLS. */
    public Optional<PlatformProperties.Truststore> brokerTruststore() {
        return aws.brokerTls()
                .map(tls -> new PlatformProperties.Truststore(
                        tls.truststore(), null, tls.passwordFile(), BrokerTls.STORE_TYPE));
    }

    /** A region's endpoints, its broker's users managed through the region's emulated Amazon MQ user API. */
    public static RunbookTopology.Region regionOf(EmulatedRegion region, Map<String, URI> actuators) {
        return new RunbookTopology.Region(
                region.brokerUri(),
                region.kinesisEndpoint(),
                region.dynamoDbEndpoint(),
                region.postgresJdbcUrl(),
                region.postgresUser(),
                region.postgresPassword(),
                actuators,
                region.brokerUsersEndpoint(),
                List.of(region.brokerId()));
    }

    /** A sandbox for the rotation drill: the generator posts {@code rate} trades per second, without end, once On. */
    public static Sandbox forDrill(EmulatorOptions emulators, double rate, long seed) {
        Sandbox sandbox = new Sandbox();
        sandbox.emulators = emulators;
        sandbox.generatorRate = rate;
        sandbox.generatorSeed = seed;
        return sandbox;
    }

    private Path workDir() {
        return emulators.workDir("sandbox");
    }

    /**
     * The generator runs in the primary region only: its routing control is global, so a generator in each region
     * would post every pair twice. It posts to the broker of the region whose trade-matching inbound control is On, as
     * counterparties reach it through DNS, and appends every pair's expected outcome to {@link #generatorOutcomes()}.
     */
    private Map<String, Object> generatorProperties(EmulatedRegion region) {
        Map<String, Object> properties = new LinkedHashMap<>();
        boolean primary = region.name().equals(LocalAwsConfig.PRIMARY_REGION);
        properties.put("tradewind.trade-generator.enabled", primary);
        if (!primary) return properties;
        properties.put("tradewind.trade-generator.rate", generatorRate);
        properties.put("tradewind.trade-generator.seed", generatorSeed);
        properties.put(
                "tradewind.trade-generator.outcomes-file", generatorOutcomes().toString());
        // Each counterparty posts as itself: the generator reads their secrets from the file, never a command line.
        properties.put(
                "tradewind.trade-generator.credentials-file", credentialsFile().toString());
        // Counterparties reach the region whose trade-matching inbound control is On, and follow a rotation.
        for (EmulatedRegion each : aws.regions())
            properties.put(
                    "tradewind.trade-generator.region-brokers." + each.name(),
                    each.brokerUri().toString());
        if (generatorPairs != null) properties.put("tradewind.trade-generator.pairs", generatorPairs);
        return properties;
    }

    /**
     * Each matching app sends to the other's broker in the region whose inbound routing control of that other app is On,
     * and follows a rotation of it alone, as DNS failover makes it on AWS; the other services send to no other app.
     */
    private Map<String, Object> peerBrokerProperties(String app) {
        String prefix = app.equals(App.TRADE_MATCHING.id())
                ? "tradewind.trade-matching.settlement-region-brokers."
                : app.equals(App.SETTLEMENT_MATCHING.id())
                        ? "tradewind.settlement-matching.trade-matching-region-brokers."
                        : null;
        Map<String, Object> properties = new LinkedHashMap<>();
        if (prefix == null) return properties;
        for (EmulatedRegion each : aws.regions())
            properties.put(prefix + each.name(), each.brokerUri().toString());
        return properties;
    }

    /**
     * Publishes the emulated global tables' and each app's global database's replication lag beside each service's own
     * meters (as CloudWatch's ReplicationLatency and AuroraGlobalDBReplicationLag would be read on AWS), so the
     * dashboard and the runbook's checks read them the same way.
     */
    private void exposeReplicationLag(ConfigurableApplicationContext service) {
        service.getBeanProvider(MeterRegistry.class).ifAvailable(registry -> {
            aws.dynamoDbReplication().ifPresent(replication -> Gauge.builder(
                            ReplicationMetrics.LAG, replication, GlobalTableReplicator::lagMillis)
                    .tag(ReplicationMetrics.STORE_TAG, "dynamodb")
                    .description("age of the oldest global-table write not yet in the other region")
                    .register(registry));
            aws.postgresReplications().forEach((app, database) -> Gauge.builder(
                            ReplicationMetrics.LAG, database, PostgresReplicator::lagMillis)
                    .tag(ReplicationMetrics.STORE_TAG, "postgres")
                    .tag("app", app)
                    .description("age of the oldest change to the app's global database not yet in the standby")
                    .register(registry));
        });
    }

    /** Where the generator records the expected outcome of every pair it posted (JSON lines). */
    public Path generatorOutcomes() {
        return workDir().resolve("generator-outcomes.jsonl");
    }

    /** Turns the global generator routing control On or Off, as an SRE would at the ARC endpoint. */
    public void switchGenerator(boolean on) {
        aws.arc().cluster().update(aws.arc().routingControlArn(RoutingControls.GENERATOR), RoutingControlState.of(on));
    }

    public LocalAws localAws() {
        return aws;
    }

    public synchronized List<ConfigurableApplicationContext> services() {
        return List.copyOf(services);
    }

    String describe() {
        StringBuilder text = new StringBuilder(aws.describe());
        text.append(System.lineSeparator())
                .append("  participants (secrets also in ")
                .append(credentialsFile().toAbsolutePath())
                .append(", readable by you only)")
                .append(System.lineSeparator())
                .append(DemoParticipants.table(participants).stripTrailing())
                .append(System.lineSeparator())
                .append("  console users (passwords also in ")
                .append(consoleUsers.loginsFile().toAbsolutePath())
                .append(", readable by you only; the ops console's command line signs in as the first)")
                .append(System.lineSeparator())
                .append(consoleUsers.table().stripTrailing());
        text.append(System.lineSeparator())
                .append("  ops console  ")
                .append(consoleUrl())
                .append("  (ops API under /api, its OpenAPI UI at /swagger-ui.html)");
        text.append(System.lineSeparator()).append("  services");
        for (ConfigurableApplicationContext service : services()) {
            text.append(System.lineSeparator()).append("    ").append(service.getId());
            String port = service.getEnvironment().getProperty("local.server.port");
            if (port != null) text.append("  http://127.0.0.1:").append(port).append("/actuator/metrics");
        }
        text.append(System.lineSeparator())
                .append("started in ")
                .append(startupTime.toMillis())
                .append(" ms (emulators ")
                .append(aws.startupTime().toMillis())
                .append(" ms)");
        return text.toString();
    }

    /**
     * Stops the sandbox in order, within {@link #STOP_BOUND}: the ops console and every service side by side (they use
     * the emulators), then the emulators, then any emulator process still running. Once: a second call returns at once,
     * and nothing starts after the first.
     */
    @Override
    public void close() {
        shutdown().run();
    }

    /** The longest {@link #close} takes: the bounds of its steps. */
    public static final Duration STOP_BOUND =
            OrderedShutdown.SERVICES_BOUND.plus(OrderedShutdown.EMULATORS_BOUND).plus(OrderedShutdown.KILL_BOUND);

    /**
     * The sandbox's ordered shutdown as things stand now; from the first call on, every call returns the same one and
     * nothing starts any more (a region being restored meanwhile closes what it starts).
     */
    public synchronized OrderedShutdown shutdown() {
        if (stopping != null) return stopping;
        closed = true;
        Map<String, AutoCloseable> running = new LinkedHashMap<>(clients);
        if (console != null) running.put(Deployable.OPS_CONSOLE.id(), console);
        servicesByKey.forEach(running::put);
        OrderedShutdown.Builder steps = OrderedShutdown.of("the sandbox").step(OrderedShutdown.services(running));
        if (aws != null) steps.steps(OrderedShutdown.emulators(aws));
        stopping = steps.build();
        return stopping;
    }

    private OrderedShutdown stopping;

    private final Map<String, AutoCloseable> clients = new LinkedHashMap<>();

    /**
     * Has {@link #close} stop {@code client} (a command's own client of the sandbox, such as the drill's runbook) beside
     * the services, before the emulators it talks to.
     */
    public synchronized void stopWithServices(String name, AutoCloseable client) {
        clients.put(name, client);
    }

    /** Kills the emulators' processes at once (for a JVM that halts): nothing else is stopped or waited for. */
    public void kill() {
        LocalAws running = aws;
        if (running != null) running.kill();
    }
}
