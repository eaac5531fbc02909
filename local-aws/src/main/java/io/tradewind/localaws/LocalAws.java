package io.tradewind.localaws;

import io.tradewind.localaws.arc.LocalArcCluster;
import io.tradewind.localaws.dynamodb.Dynalite;
import io.tradewind.localaws.dynamodb.GlobalTableReplicator;
import io.tradewind.localaws.kinesis.Kinesalite;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.localaws.mq.BrokerTls;
import io.tradewind.localaws.mq.BrokerUsersEndpoint;
import io.tradewind.localaws.mq.EmbeddedBroker;
import io.tradewind.localaws.postgres.EmbeddedPostgresServer;
import io.tradewind.localaws.postgres.GlobalDatabaseEndpoint;
import io.tradewind.localaws.postgres.PostgresReplicator;
import io.tradewind.model.participant.BrokerAccessPolicy;
import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.Role;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.App;
import io.tradewind.model.values.ParticipantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two (or more) emulated AWS regions and the local ARC cluster, started together and stopped together. Start-up runs
 * the emulators in parallel; if any fails, those already running are stopped before the error is thrown. Unless
 * configured off, the regions' DynamoDB global tables replicate, and so does each app's global database (its schema in
 * the regions' PostgreSQL, written in the primary region), controlled through a {@link GlobalDatabaseEndpoint}.
 *
 * <p>Each start gives every {@link ServiceIdentity} a new random password, creates its user on every region's broker
 * and writes it to the {@link SandboxCredentials} file in the work directory; {@link #putUser} and {@link #onboard} add
 * more users (participants) the same way.
 */
public final class LocalAws implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalAws.class);
    private static final String POSTGRES_BINARIES = "postgres-binaries";
    /** What zonky's embedded PostgreSQL writes into its binaries' directory once it unpacked them all. */
    static final String UNPACKED_MARKER = ".exists";
    /** Where, below the work dir, the brokers' keystore and the clients' truststore are written when TLS is on. */
    public static final String TLS_DIR = "tls";

    /**
     * Each app's global database: its cluster name (the app's) and the schema it replicates, which the app's Flyway
     * migrations create in every region's PostgreSQL.
     */
    public static final Map<String, String> GLOBAL_DATABASE_SCHEMAS = globalDatabaseSchemas();

    private final LocalAwsConfig config;
    private final GlobalTableReplicator replicator;
    private final Map<String, PostgresReplicator> globalDatabases;
    private final GlobalDatabaseEndpoint globalDatabaseEndpoint;
    private final Map<String, EmulatedRegion> regions;
    private final LocalArcCluster arc;
    private final Duration startupTime;
    private final BrokerTls tls;
    private final SandboxCredentials credentials;
    private volatile Consumer<Participant> registry = participant -> {};

    private LocalAws(
            LocalAwsConfig config,
            Map<String, EmulatedRegion> regions,
            LocalArcCluster arc,
            GlobalTableReplicator replicator,
            Map<String, PostgresReplicator> globalDatabases,
            GlobalDatabaseEndpoint globalDatabaseEndpoint,
            Duration startupTime,
            BrokerTls tls,
            SandboxCredentials credentials) {
        this.tls = tls;
        this.credentials = credentials;
        this.replicator = replicator;
        this.globalDatabases = globalDatabases;
        this.globalDatabaseEndpoint = globalDatabaseEndpoint;
        this.config = config;
        this.regions = regions;
        this.arc = arc;
        this.startupTime = startupTime;
    }

    private static Map<String, String> globalDatabaseSchemas() {
        Map<String, String> schemas = new LinkedHashMap<>();
        for (App app : App.values()) schemas.put(app.id(), app.schema());
        return Collections.unmodifiableMap(schemas);
    }

    /** How often a start on free ports is tried again when another process took a port between pick and bind. */
    static final int EPHEMERAL_START_ATTEMPTS = 3;

    /**
     * Starts every emulator of every region and the ARC cluster, and returns once all accept connections. On free ports
     * a port picked for one emulator can be taken by another process before the emulator binds it; such a start is
     * stopped and tried again with new ports, up to {@value #EPHEMERAL_START_ATTEMPTS} times.
     */
    public static LocalAws start(LocalAwsConfig config) throws Exception {
        boolean ephemeral = config.regions().stream()
                .anyMatch(region -> region.mqPort() == 0
                        || region.brokerPorts().amqp() == 0
                        || region.brokerPorts().stomp() == 0
                        || region.kinesisPort() == 0
                        || region.dynamoDbPort() == 0
                        || region.postgresPort() == 0
                        || (config.tls() && region.mqSslPort() == 0));
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(config);
            } catch (Exception e) {
                if (!ephemeral || attempt == EPHEMERAL_START_ATTEMPTS || !isPortTaken(e)) throw e;
                log.warn("local AWS start {} lost a free port to another process; trying again", attempt, e);
            }
        }
    }

    /** Whether a start failed because a port was in use when an emulator bound it. */
    static boolean isPortTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) return true;
            String message = t.getMessage();
            if (message != null && (message.contains("Failed to bind") || message.contains("Address already in use")))
                return true;
            for (Throwable suppressed : t.getSuppressed()) if (isPortTaken(suppressed)) return true;
        }
        return false;
    }

    private static LocalAws startOnce(LocalAwsConfig config) throws Exception {
        long startNanos = System.nanoTime();
        Path workDir = config.workDir().toAbsolutePath();
        for (RegionSpec region : config.regions())
            EmbeddedPostgresServer.stopOrphan(workDir.resolve(region.name()).resolve("postgres"));
        if (config.cleanStart()) wipeExceptBinaries(workDir);
        Files.createDirectories(workDir);
        // Made anew at every start: no key outlives the sandbox that served it.
        BrokerTls tls = config.tls() ? BrokerTls.generate(workDir.resolve(TLS_DIR)) : null;

        List<AutoCloseable> started = new ArrayList<>();
        // Stopped before the servers they read and write.
        List<AutoCloseable> replication = new ArrayList<>();
        ExecutorService starter =
                Executors.newFixedThreadPool(4 * config.regions().size() + 1, runnable -> {
                    Thread thread = new Thread(runnable, "local-aws-start");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            Future<LocalArcCluster> arc =
                    starter.submit(() -> LocalArcCluster.start(config.controlPanel(), config.arcPorts()));
            Map<String, List<Future<? extends AutoCloseable>>> parts = new LinkedHashMap<>();
            for (RegionSpec region : config.regions()) {
                Path regionDir = workDir.resolve(region.name());
                parts.put(
                        region.name(),
                        List.of(
                                starter.submit(() -> EmbeddedBroker.start(
                                        "tradewind-" + region.name(),
                                        regionDir.resolve("activemq"),
                                        region.brokerPorts(),
                                        tls)),
                                starter.submit(() -> Kinesalite.start(
                                        config.nodeExecutable(),
                                        region.kinesisPort(),
                                        regionDir.resolve("kinesalite.log"))),
                                starter.submit(() -> Dynalite.start(
                                        config.nodeExecutable(),
                                        region.dynamoDbPort(),
                                        regionDir.resolve("dynalite.log"))),
                                starter.submit(() -> EmbeddedPostgresServer.start(
                                        region.postgresPort(),
                                        regionDir.resolve("postgres"),
                                        workDir.resolve(POSTGRES_BINARIES)))));
            }
            Map<String, EmulatedRegion> regions = new LinkedHashMap<>();
            Exception failure = null;
            for (var entry : parts.entrySet()) {
                List<AutoCloseable> ofRegion = new ArrayList<>();
                for (Future<? extends AutoCloseable> part : entry.getValue()) {
                    try {
                        AutoCloseable value = part.get();
                        ofRegion.add(value);
                        started.add(value);
                    } catch (ExecutionException e) {
                        failure = addFailure(failure, e.getCause(), "region " + entry.getKey());
                    }
                }
                if (ofRegion.size() == 4) {
                    EmbeddedBroker broker = (EmbeddedBroker) ofRegion.get(0);
                    BrokerUsersEndpoint brokerUsers;
                    try {
                        brokerUsers = BrokerUsersEndpoint.start(
                                Map.of(broker.name(), broker),
                                specOf(config, entry.getKey()).mqApiPort());
                    } catch (RuntimeException e) {
                        failure = addFailure(failure, e, "region " + entry.getKey() + " broker user API");
                        continue;
                    }
                    started.add(brokerUsers);
                    regions.put(
                            entry.getKey(),
                            new EmulatedRegion(
                                    entry.getKey(),
                                    broker,
                                    (Kinesalite) ofRegion.get(1),
                                    (Dynalite) ofRegion.get(2),
                                    (EmbeddedPostgresServer) ofRegion.get(3),
                                    brokerUsers));
                }
            }
            LocalArcCluster arcCluster = null;
            try {
                arcCluster = arc.get();
                started.add(arcCluster);
            } catch (ExecutionException e) {
                failure = addFailure(failure, e.getCause(), "ARC cluster");
            }
            if (failure != null) throw failure;
            SandboxCredentials credentials = SandboxCredentials.create(workDir);
            for (ServiceIdentity service : ServiceIdentity.values())
                putUser(regions.values(), credentials, service.user(), BrokerAccessPolicy.groupsOf(service));
            GlobalTableReplicator replicator = null;
            if (config.dynamoDbReplicationLag() != null && regions.size() > 1) {
                Map<String, Dynalite> dynamoDbs = new LinkedHashMap<>();
                regions.forEach((name, region) -> dynamoDbs.put(name, region.dynamoDb()));
                replicator = GlobalTableReplicator.start(
                        dynamoDbs, GlobalTableReplicator.Settings.withLag(config.dynamoDbReplicationLag()));
                replication.add(replicator);
            }
            Map<String, PostgresReplicator> globalDatabases = new LinkedHashMap<>();
            GlobalDatabaseEndpoint globalDatabaseEndpoint = null;
            if (config.postgresReplicationLag() != null && regions.size() > 1) {
                List<PostgresReplicator.Database> databases = globalDatabaseRegions(regions);
                for (var app : GLOBAL_DATABASE_SCHEMAS.entrySet()) {
                    PostgresReplicator database = PostgresReplicator.start(
                            databases,
                            databases.get(0).region(),
                            PostgresReplicator.Settings.forSchema(
                                    app.getKey(), app.getValue(), config.postgresReplicationLag()));
                    replication.add(database);
                    globalDatabases.put(app.getKey(), database);
                }
                globalDatabaseEndpoint =
                        GlobalDatabaseEndpoint.start(globalDatabases.values(), config.globalDatabasePort());
                replication.add(globalDatabaseEndpoint);
            }
            Duration startup = Duration.ofNanos(System.nanoTime() - startNanos);
            return new LocalAws(
                    config,
                    regions,
                    arcCluster,
                    replicator,
                    Collections.unmodifiableMap(globalDatabases),
                    globalDatabaseEndpoint,
                    startup,
                    tls,
                    credentials);
        } catch (Exception e) {
            closeAll(replication);
            closeAll(started);
            throw e;
        } finally {
            starter.shutdownNow();
        }
    }

    private static RegionSpec specOf(LocalAwsConfig config, String region) {
        return config.regions().stream()
                .filter(spec -> spec.name().equals(region))
                .findFirst()
                .orElseThrow();
    }

    private static BrokerLogin putUser(
            java.util.Collection<EmulatedRegion> regions,
            SandboxCredentials credentials,
            String user,
            Set<String> groups) {
        BrokerLogin login = new BrokerLogin(user, SandboxCredentials.newPassword());
        for (EmulatedRegion region : regions) region.broker().putUser(user, login.password(), groups);
        credentials.put(user, login.password());
        return login;
    }

    /**
     * The writer region (the primary, or the first region when the primary is not emulated) and one standby (the
     * secondary, or the next region): a global database here has one secondary region.
     */
    private static List<PostgresReplicator.Database> globalDatabaseRegions(Map<String, EmulatedRegion> regions) {
        List<String> names = new ArrayList<>(regions.keySet());
        String writer = names.contains(LocalAwsConfig.PRIMARY_REGION) ? LocalAwsConfig.PRIMARY_REGION : names.get(0);
        names.remove(writer);
        String standby =
                names.contains(LocalAwsConfig.SECONDARY_REGION) ? LocalAwsConfig.SECONDARY_REGION : names.get(0);
        if (regions.size() > 2)
            log.warn(
                    "global databases replicate {} to {} only; the other regions' PostgreSQL are not replicated",
                    writer,
                    standby);
        return List.of(database(regions.get(writer)), database(regions.get(standby)));
    }

    private static PostgresReplicator.Database database(EmulatedRegion region) {
        return new PostgresReplicator.Database(
                region.name(), region.postgresJdbcUrl(), region.postgresUser(), region.postgresPassword());
    }

    private static Exception addFailure(Exception failure, Throwable cause, String what) {
        Exception wrapped = new IllegalStateException(what + " did not start: " + cause.getMessage(), cause);
        if (failure == null) return wrapped;
        failure.addSuppressed(wrapped);
        return failure;
    }

    /**
     * Empties the work dir but for PostgreSQL's unpacked binaries, which take seconds to unpack. An unpack a stopped
     * start left half done (zonky writes its {@value #UNPACKED_MARKER} marker last) goes too: zonky would unpack again
     * over it, and fail on the first file that exists.
     */
    static void wipeExceptBinaries(Path workDir) throws IOException {
        if (!Files.isDirectory(workDir)) return;
        try (Stream<Path> top = Files.list(workDir)) {
            for (Path child : top.toList()) {
                if (!child.getFileName().toString().equals(POSTGRES_BINARIES)) delete(child);
                else if (Files.isDirectory(child))
                    try (Stream<Path> unpacked = Files.list(child)) {
                        for (Path binaries : unpacked.toList())
                            if (Files.isDirectory(binaries) && !Files.exists(binaries.resolve(UNPACKED_MARKER)))
                                delete(binaries);
                    }
            }
        }
    }

    private static void delete(Path tree) throws IOException {
        try (Stream<Path> paths = Files.walk(tree)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot clean " + path, e);
                }
            });
        }
    }

    public EmulatedRegion region(String name) {
        EmulatedRegion region = regions.get(name);
        if (region == null)
            throw new IllegalArgumentException("no emulated region " + name + "; have " + regions.keySet());
        return region;
    }

    public List<EmulatedRegion> regions() {
        return List.copyOf(regions.values());
    }

    /** The login of a service identity, the same on every region's broker. */
    public BrokerLogin login(ServiceIdentity service) {
        return credentials.login(service.user());
    }

    /** The broker users this start created and their passwords, and the file that holds them. */
    public SandboxCredentials credentials() {
        return credentials;
    }

    /**
     * Creates {@code user} in {@code groups} with a new random password on every region's broker (or gives an existing
     * one a new password and these groups), and records it in {@link #credentials()}.
     */
    public BrokerLogin putUser(String user, Set<String> groups) {
        return putUser(regions.values(), credentials, user, groups);
    }

    /**
     * Makes {@code participantId} a broker user in the groups of {@code roles} and its own, on every region's broker, as
     * onboarding does (tests and the sandbox's demo counterparties; the ops console onboards through the user API). A
     * participant already there in these roles keeps its password.
     */
    public synchronized BrokerLogin onboard(String participantId, Set<Role> roles) {
        Participant participant = Participant.onboard(new ParticipantId(participantId), roles, Instant.EPOCH);
        registry.accept(participant);
        Set<String> groups = BrokerAccessPolicy.groupsOf(participant);
        // Already there alike: its login stays valid for whoever holds it (tests of one JVM share these brokers).
        boolean same = credentials.users().contains(participantId)
                && regions.values().stream()
                        .allMatch(region ->
                                region.broker().groupsOf(participantId).equals(Optional.of(groups)));
        return same ? credentials.login(participantId) : putUser(participantId, groups);
    }

    /**
     * Who else learns of each participant {@link #onboard} creates: the participant registry, which lives in the apps'
     * DynamoDB tables, not in the emulators (a test wires its registry here, so the stages know the senders it posts as).
     */
    public void onOnboard(Consumer<Participant> registry) {
        this.registry = registry;
    }

    /** Allows {@code rule} on every region's broker beside the policy (tests only: the sandbox grants nothing). */
    public void grant(BrokerAccessPolicy.AccessRule rule) {
        for (EmulatedRegion region : regions.values()) region.broker().grant(rule);
    }

    public LocalArcCluster arc() {
        return arc;
    }

    /** The emulated global-table replication between the regions' DynamoDB, if configured. */
    public Optional<GlobalTableReplicator> dynamoDbReplication() {
        return Optional.ofNullable(replicator);
    }

    /**
     * The emulated global database of {@code app} (e.g. {@code trade-matching}), if PostgreSQL replication is
     * configured.
     *
     * @throws IllegalArgumentException if {@code app} has no global database
     */
    public Optional<PostgresReplicator> postgresReplication(String app) {
        if (!GLOBAL_DATABASE_SCHEMAS.containsKey(app))
            throw new IllegalArgumentException(
                    "no global database for app " + app + "; have " + GLOBAL_DATABASE_SCHEMAS.keySet());
        return Optional.ofNullable(globalDatabases.get(app));
    }

    /** Every app's emulated global database by app name; empty when PostgreSQL replication is not configured. */
    public Map<String, PostgresReplicator> postgresReplications() {
        return globalDatabases;
    }

    /**
     * The base URI of the global databases' control endpoint (resources below {@value GlobalDatabaseEndpoint#PATH}),
     * if PostgreSQL replication is configured.
     */
    public Optional<URI> globalDatabaseEndpoint() {
        return Optional.ofNullable(globalDatabaseEndpoint).map(GlobalDatabaseEndpoint::endpoint);
    }

    public LocalAwsConfig config() {
        return config;
    }

    /**
     * The brokers' TLS identity when the regions run with TLS: its truststore (and the file holding its password) is
     * what a client of the brokers' {@code ssl://} URLs trusts.
     */
    public Optional<BrokerTls> brokerTls() {
        return Optional.ofNullable(tls);
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** Every endpoint, one per line, for the sandbox's start-up banner and test logs. */
    public String describe() {
        StringBuilder text =
                new StringBuilder("local AWS (work dir " + config.workDir().toAbsolutePath() + ")");
        for (EmulatedRegion region : regions.values())
            text.append(System.lineSeparator()).append(region.describe());
        text.append(System.lineSeparator()).append(arc.describe());
        if (tls != null)
            text.append(System.lineSeparator())
                    .append("  brokers' TLS: clients trust ")
                    .append(tls.truststore())
                    .append(" (")
                    .append(BrokerTls.STORE_TYPE)
                    .append(", password in ")
                    .append(tls.passwordFile())
                    .append(")");
        if (replicator != null)
            text.append(System.lineSeparator())
                    .append("  global tables (")
                    .append(GlobalTableReplicator.Settings.GLOBAL_TABLES.pattern())
                    .append(") replicated between the regions after ")
                    .append(replicator.lag().toMillis())
                    .append(" ms")
                    .append(System.lineSeparator())
                    .append("  strongly consistent tables (")
                    .append(GlobalTableReplicator.Settings.STRONGLY_CONSISTENT_TABLES.pattern())
                    .append(") written in both regions before a write returns");
        for (PostgresReplicator database : globalDatabases.values())
            text.append(System.lineSeparator())
                    .append("  global database ")
                    .append(database.cluster())
                    .append(" (schema ")
                    .append(GLOBAL_DATABASE_SCHEMAS.get(database.cluster()))
                    .append(") written in ")
                    .append(database.writer())
                    .append(", replicated to ")
                    .append(database.standby())
                    .append(" after ")
                    .append(database.settings().lag().toMillis())
                    .append(" ms");
        if (globalDatabaseEndpoint != null)
            text.append(System.lineSeparator())
                    .append("  global databases control ")
                    .append(globalDatabaseEndpoint.endpoint())
                    .append(GlobalDatabaseEndpoint.PATH);
        return text.toString();
    }

    /**
     * Kills every emulator process at once (see {@link EmulatedRegion#kill}): what a JVM that must halt now does instead
     * of {@link #close}.
     */
    public void kill() {
        regions.values().forEach(EmulatedRegion::kill);
    }

    @Override
    public void close() {
        long startNanos = System.nanoTime();
        // Before the servers they read and write go away; the endpoint first, so nobody moves a writer meanwhile.
        if (globalDatabaseEndpoint != null) globalDatabaseEndpoint.close();
        List<AutoCloseable> replication = new ArrayList<>(globalDatabases.values());
        if (replicator != null) replication.add(replicator);
        closeAll(replication);
        log.info("replication stopped in {} ms", (System.nanoTime() - startNanos) / 1_000_000);
        List<AutoCloseable> parts = new ArrayList<>(regions.values());
        parts.add(arc);
        closeAll(parts);
        log.info("local AWS stopped in {} ms", (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static void closeAll(List<? extends AutoCloseable> parts) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (AutoCloseable part : parts) {
            closing.add(CompletableFuture.runAsync(() -> {
                try {
                    part.close();
                } catch (Exception e) {
                    log.warn("stopping {} failed", part, e);
                }
            }));
        }
        closing.forEach(CompletableFuture::join);
    }
}
