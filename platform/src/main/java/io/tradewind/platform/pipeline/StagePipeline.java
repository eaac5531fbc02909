package io.tradewind.platform.pipeline;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Deployment;
import io.tradewind.model.topology.RoutingControls;
import io.tradewind.model.topology.StageFootprint;
import io.tradewind.model.topology.Stages;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.gateway.DynamoDbInboundJournal;
import io.tradewind.platform.gateway.InboundKeys;
import io.tradewind.platform.gateway.InboundRecord;
import io.tradewind.platform.gateway.JmsConnections;
import io.tradewind.platform.gateway.JmsInboundGateway;
import io.tradewind.platform.gateway.OnceOnlyJmsSender;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.gateway.OutboundGatewayStage;
import io.tradewind.platform.idempotency.DynamoDbSendLedger;
import io.tradewind.platform.idempotency.DynamoDbSentLog;
import io.tradewind.platform.idempotency.LedgeredSentLog;
import io.tradewind.platform.idempotency.RecoverableSentLog;
import io.tradewind.platform.idempotency.SentLog;
import io.tradewind.platform.idempotency.SentLogRecovery;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.participant.DynamoDbParticipantRegistry;
import io.tradewind.platform.provisioning.Provisioner;
import io.tradewind.platform.quarantine.Quarantine;
import io.tradewind.platform.quarantine.StageQuarantine;
import io.tradewind.platform.regiongate.ActiveRegionConnectionFactory;
import io.tradewind.platform.regiongate.ArcRoutingControlReader;
import io.tradewind.platform.regiongate.GatedComponent;
import io.tradewind.platform.regiongate.RegionGate;
import io.tradewind.platform.regiongate.RoutingControlReader;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.stream.KclClients;
import io.tradewind.platform.stream.KclStageConsumer;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.RecordDecoder;
import io.tradewind.platform.stream.Stage;
import io.tradewind.platform.stream.StageRunner;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Assembles one app's pipeline the same way for every app: a stream into each stage after the gateway ({@code
 * <app>-<stage>}), the inbound journal and sent-log tables, the meters of each stage, and two region gates: inbound
 * gateways behind the app's inbound routing control, stream consumers behind its processing control. An app adds its
 * stages, then {@link #open()}s the gates; {@link #close()} stops every stage and releases what they share.
 */
public final class StagePipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StagePipeline.class);

    /**
     * The most a stage packs into one Kinesis record (as the KPL's default, about 50 records of a trade's size): a
     * batch's outputs to one shard become a record or two, where each would otherwise be a put and a read of its own.
     */
    public static final int AGGREGATE_BYTES = 50 * 1024;

    /** What the last {@link SentLogRecovery} put back: after a failover, the sends the database had not replicated. */
    public static final String RECOVERED_SENDS_METER = "tradewind.sent.log.recovered";

    private static final List<StageName> STREAM_STAGES =
            List.of(StageName.INGESTION, StageName.MATCHING, StageName.EGRESS, StageName.OUTBOUND_GATEWAY);

    private final App app;
    private final PlatformProperties platform;
    private final PipelineSettings settings;
    private final AwsClientFactory aws;
    private final KinesisClient kinesis;
    private final DynamoDbClient dynamoDb;
    private final Clock clock;
    private final MeterRegistry meterRegistry;
    private final Map<StageName, StageMetrics> metrics = new EnumMap<>(StageName.class);
    private final List<GatedComponent> inbound = new ArrayList<>();
    private final List<GatedComponent> processing = new ArrayList<>();
    private final List<RegionGate> gates = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private KclClients kclClients;
    private RoutingControlReader reader;
    private SentLog sentLog;
    private boolean sentLogInDynamoDb = true;
    private DynamoDbSendLedger sendLedger;
    private SentLogRecovery sentLogRecovery;
    private Quarantine quarantine;

    public StagePipeline(
            App app,
            PlatformProperties platform,
            PipelineSettings settings,
            AwsClientFactory aws,
            KinesisClient kinesis,
            DynamoDbClient dynamoDb,
            Clock clock,
            MeterRegistry meterRegistry) {
        this.app = app;
        this.platform = platform;
        this.settings = settings;
        this.aws = aws;
        this.kinesis = kinesis;
        this.dynamoDb = dynamoDb;
        this.clock = clock;
        this.meterRegistry = meterRegistry;
    }

    /** The stream a stage consumes, e.g. {@code trade-matching-ingestion}. */
    public static String streamInto(String app, StageName stage) {
        return App.of(app).streamInto(stage.configName());
    }

    public static String journalTable(String app) {
        return App.of(app).journalTable();
    }

    public static String sentLogTable(String app) {
        return App.of(app).sentLogTable();
    }

    /** The name of a stage's component, meters and KCL application, e.g. {@code trade-matching-matching}. */
    public String componentName(StageName stage) {
        return app.streamInto(stage.configName());
    }

    public PipelineSettings settings() {
        return settings;
    }

    /**
     * Records sends in {@code sentLog} (the app's PostgreSQL) instead of the DynamoDB table; call before adding stages.
     * A sent-log that a failover can cut short ({@link RecoverableSentLog}) gets the app's send ledger: every send is
     * recorded there first, in every region, and the outbound gateway's process puts back what its sent-log lacks
     * before its stages start. Only the process that runs the outbound gateway sends, so only it gets the ledger.
     */
    public StagePipeline withSentLog(SentLog sentLog) {
        this.sentLogInDynamoDb = false;
        if (sentLog instanceof RecoverableSentLog recoverable && runs(StageName.OUTBOUND_GATEWAY)) {
            require(
                    StageName.OUTBOUND_GATEWAY,
                    "writes table",
                    footprintOf(StageName.OUTBOUND_GATEWAY).tablesWritten(),
                    app.sendLedgerTable());
            sendLedger = sendLedger();
            this.sentLog = new LedgeredSentLog(recoverable, sendLedger, clock);
            sentLogRecovery = new SentLogRecovery(
                    SentLogRecovery.Settings.defaults(app.id() + "-sent-log-recovery"), recoverable, sendLedger, clock);
            Gauge.builder(RECOVERED_SENDS_METER, sentLogRecovery, SentLogRecovery::lastMissing)
                    .description("sends the last start of processing put back into the sent-log from the send ledger")
                    .register(meterRegistry);
        } else {
            this.sentLog = sentLog;
        }
        return this;
    }

    /** The app's send ledger: strongly consistent across regions, so a write here returns once another region holds it. */
    private DynamoDbSendLedger sendLedger() {
        return new DynamoDbSendLedger(
                app.sendLedgerTable(),
                dynamoDb,
                DependencyGuard.forDependency("dynamodb"),
                DynamoDbSendLedger.DEFAULT_RETENTION);
    }

    public static String sendLedgerTable(String app) {
        return App.of(app).sendLedgerTable();
    }

    /** What puts back the sends a failover took from the sent-log, if this pipeline's sent-log can lose any. */
    public Optional<SentLogRecovery> sentLogRecovery() {
        return Optional.ofNullable(sentLogRecovery);
    }

    /**
     * Keeps what a stage must not retry (inputs a store refuses, records no decoder can read) in {@code quarantine}, the
     * app's own; call before adding stages.
     */
    public StagePipeline withQuarantine(Quarantine quarantine) {
        this.quarantine = quarantine;
        return this;
    }

    /** The quarantine as {@code stage} files into it, reading {@code source}. */
    private StageQuarantine quarantineOf(StageName stage, String source) {
        if (quarantine == null)
            throw new IllegalStateException(app + ": no quarantine; call withQuarantine before adding stages");
        return new StageQuarantine(quarantine, stage.configName(), source, clock);
    }

    /**
     * Reads the routing controls through {@code reader} instead of the ARC cluster's endpoints (a test's scripted
     * controls); call before adding stages.
     */
    public StagePipeline withRoutingControlReader(RoutingControlReader reader) {
        this.reader = reader;
        return this;
    }

    /**
     * Creates the app's streams and tables, and the participant registry, where they are missing (the sandbox;
     * Terraform does it on AWS).
     */
    public void provision() {
        Provisioner provisioner = new Provisioner(kinesis, dynamoDb);
        for (StageName stage : STREAM_STAGES)
            provisioner.ensureStream(app.streamInto(stage.configName()), settings.shardsOrDefault());
        provisioner.ensureTable(app.journalTable(), DynamoDbInboundJournal.KEY);
        if (sentLogInDynamoDb) provisioner.ensureTable(app.sentLogTable(), DynamoDbSentLog.KEY);
        if (sendLedger != null) sendLedger.provision();
        // Every app reads the participant registry, and whichever starts first creates it.
        DynamoDbParticipantRegistry.of(dynamoDb).provision();
    }

    /** The meters of a stage, created once and shared by its consumer, its stage and its publishers. */
    public StageMetrics metricsOf(StageName stage) {
        return metrics.computeIfAbsent(stage, name -> new StageMetrics(meterRegistry, componentName(name)));
    }

    /** A publisher into the stream {@code stage} consumes, counting what it publishes as {@code from}'s output. */
    public KinesisPublisher publisherInto(StageName stage, StageMetrics from) {
        return new KinesisPublisher(
                        kinesis, app.streamInto(stage.configName()), DependencyGuard.forDependency("kinesis"))
                .aggregating(AGGREGATE_BYTES)
                .countingInto(from::published);
    }

    /**
     * Adds a gateway that journals what arrives on {@code queue} and forwards it to ingestion, behind the inbound
     * control; {@code name} tells apart the gateways of an app with more than one inbound queue.
     */
    public void addInboundGateway(String name, String queue, ConnectionFactory broker, InboundKeys keys) {
        StageFootprint footprint = footprintOf(StageName.INBOUND_GATEWAY);
        require(StageName.INBOUND_GATEWAY, "consumes queue", footprint.queues(), queue);
        require(StageName.INBOUND_GATEWAY, "writes table", footprint.tablesWritten(), app.journalTable());
        require(
                StageName.INBOUND_GATEWAY,
                "writes stream",
                footprint.streamsWritten(),
                app.streamInto(Stages.INGESTION));
        StageMetrics gatewayMetrics = metricsOf(StageName.INBOUND_GATEWAY);
        DynamoDbInboundJournal journal = new DynamoDbInboundJournal(
                dynamoDb, app.journalTable(), platform.region(), DependencyGuard.forDependency("dynamodb"));
        resources.add(journal);
        inbound.add(new JmsInboundGateway(
                JmsInboundGateway.Settings.of(name, queue).withConsumers(settings.inboundConsumersOrDefault()),
                broker,
                journal,
                publisherInto(StageName.INGESTION, gatewayMetrics),
                keys,
                clock,
                gatewayMetrics,
                quarantineOf(StageName.INBOUND_GATEWAY, queue)));
    }

    /** Whether configuration selects {@code stage} for this process. */
    public boolean runs(StageName stage) {
        return settings.selectedStages().contains(stage);
    }

    /** Builds an app's ingestion from the publishers it answers into and its meters. */
    @FunctionalInterface
    public interface IngestionFactory {
        Stage<InboundRecord> create(KinesisPublisher toMatching, KinesisPublisher toOutbound, StageMetrics metrics);
    }

    /** Adds ingestion, if this process runs it: it consumes what the gateways forwarded. */
    public void addIngestion(IngestionFactory factory) {
        if (!runs(StageName.INGESTION)) return;
        requireWrites(StageName.INGESTION, StageName.MATCHING, StageName.OUTBOUND_GATEWAY);
        StageMetrics metrics = metricsOf(StageName.INGESTION);
        addConsumer(
                StageName.INGESTION,
                record -> InboundRecord.decode(record.data()),
                factory.create(
                        publisherInto(StageName.MATCHING, metrics),
                        publisherInto(StageName.OUTBOUND_GATEWAY, metrics),
                        metrics));
    }

    /** Adds matching, if this process runs it: it consumes {@code commands} and publishes into egress. */
    public <C> void addMatching(Class<C> commands, Function<KinesisPublisher, Stage<C>> stage) {
        addRelay(StageName.MATCHING, commands, StageName.EGRESS, stage);
    }

    /** Adds egress, if this process runs it: it consumes {@code events} and publishes into the outbound gateway. */
    public <E> void addEgress(Class<E> events, Function<KinesisPublisher, Stage<E>> stage) {
        addRelay(StageName.EGRESS, events, StageName.OUTBOUND_GATEWAY, stage);
    }

    private <T> void addRelay(
            StageName stage, Class<T> type, StageName next, Function<KinesisPublisher, Stage<T>> factory) {
        if (!runs(stage)) return;
        requireWrites(stage, next);
        addConsumer(
                stage,
                record -> FlowJson.decode(record.data(), type),
                factory.apply(publisherInto(next, metricsOf(stage))));
    }

    /**
     * Adds the outbound gateway, if this process runs it, sending to the brokers an {@link OutboundEnvelope} may name
     * (by app); names that map to the same connection factory share one sender.
     */
    public void addOutboundGateway(Map<String, ConnectionFactory> brokers) {
        if (!runs(StageName.OUTBOUND_GATEWAY)) return;
        Map<ConnectionFactory, OnceOnlyJmsSender> byFactory = new IdentityHashMap<>();
        Map<String, OnceOnlyJmsSender> senders = new HashMap<>();
        brokers.forEach((name, broker) -> senders.put(name, byFactory.computeIfAbsent(broker, this::onceOnlySender)));
        addConsumer(
                StageName.OUTBOUND_GATEWAY,
                record -> FlowJson.decode(record.data(), OutboundEnvelope.class),
                new OutboundGatewayStage(senders, metricsOf(StageName.OUTBOUND_GATEWAY)));
        // First behind the processing control: the sent-log is whole before any stage of this process starts.
        if (sentLogRecovery != null) processing.add(0, sentLogRecovery);
    }

    /**
     * Connections to another app's broker. With its region brokers configured, to the region whose {@code
     * <app>-inbound-<region>} routing control is On, followed across a rotation as DNS failover does on AWS, until the
     * pipeline closes; otherwise to its fixed broker; otherwise to {@code ownBroker}.
     */
    public ConnectionFactory brokerOf(PeerBroker peer, ConnectionFactory ownBroker) {
        // The service's own identity on the peer's brokers too: each broker has every service's user.
        if (peer.regionBrokers().isEmpty())
            return peer.brokerUrl() == null
                    ? ownBroker
                    : JmsConnections.activeMq(
                            peer.brokerUrl(),
                            platform.mq().login(),
                            platform.mq().truststore());
        ActiveRegionConnectionFactory following = JmsConnections.followingInbound(
                peer.app(),
                peer.regionBrokers(),
                platform.arc(),
                reader(),
                settings.routingControlPollIntervalOrDefault(),
                platform.mq().login(),
                platform.mq().truststore()); // the peer's brokers are signed as ours are
        resources.add(following); // closed after the senders that connect through it
        return following;
    }

    /** Adds the KCL consumer of {@code stage}'s stream running {@code logic}, behind the processing control. */
    public <T> void addConsumer(StageName stage, RecordDecoder<T> decoder, Stage<T> logic) {
        String name = componentName(stage);
        StageFootprint footprint = footprintOf(stage);
        require(stage, "reads stream", footprint.streamsRead(), app.streamInto(stage.configName()));
        // KCL names its lease table (and the two beside it) after its application, this consumer's name.
        for (String table : Deployment.kclTables(name))
            require(stage, "creates table", footprint.ensuredTables(), table);
        KclStageConsumer.Settings consumer = new KclStageConsumer.Settings(
                name,
                app.streamInto(stage.configName()),
                name + "-" + platform.region(),
                settings.idleTimeBetweenReadsOrDefault(),
                settings.maxRecordsPerBatchOrDefault(),
                Duration.ofSeconds(10),
                Duration.ofSeconds(30),
                settings.checkpointIntervalOrDefault(),
                settings.kclMetricsLevelOrDefault());
        processing.add(new KclStageConsumer<>(
                consumer,
                new StageRunner<>(
                        name,
                        decoder,
                        logic,
                        metricsOf(stage),
                        quarantineOf(stage, app.streamInto(stage.configName()))),
                kclClients()));
    }

    /**
     * Adds a component that works for a stage without consuming a stream (a sweep over what a stage holds) behind the
     * processing control, so it runs only in the region and while the stages run.
     */
    public void addBehindProcessingControl(GatedComponent component) {
        processing.add(component);
    }

    /** A once-only sender to {@code broker} sharing this app's sent-log; closed with the pipeline. */
    private OnceOnlyJmsSender onceOnlySender(ConnectionFactory broker) {
        if (sentLog == null) {
            DynamoDbSentLog table =
                    new DynamoDbSentLog(dynamoDb, app.sentLogTable(), DependencyGuard.forDependency("dynamodb"), clock);
            resources.add(table);
            sentLog = table;
        }
        OnceOnlyJmsSender sender = new OnceOnlyJmsSender(broker, sentLog);
        resources.add(0, sender); // senders close before the sent-log they record into
        return sender;
    }

    /**
     * What {@code stage} may touch on AWS ({@link Deployment}): its task role grants that and no more, so wiring it to
     * anything else fails here, in the sandbox and every test, instead of with an access denied on AWS. Streams, tables
     * and queues are named alike in every region.
     */
    private StageFootprint footprintOf(StageName stage) {
        return Deployment.footprint(app, stage.configName(), Deployment.PRIMARY_REGION);
    }

    private void requireWrites(StageName stage, StageName... into) {
        for (StageName next : into)
            require(stage, "writes stream", footprintOf(stage).streamsWritten(), app.streamInto(next.configName()));
    }

    private void require(StageName stage, String what, List<String> footprint, String name) {
        if (!footprint.contains(name))
            throw new IllegalStateException(componentName(stage) + " " + what + " " + name
                    + ", which its footprint (io.tradewind.model.topology.Deployment) does not list: its task role on"
                    + " AWS would refuse it");
    }

    /** Opens the region gates: each starts its components once its routing control reads On. */
    public synchronized void open() {
        RoutingControlReader reader = reader();
        if (!inbound.isEmpty()) gates.add(gate(reader, RoutingControls.INBOUND, inbound));
        if (!processing.isEmpty()) gates.add(gate(reader, RoutingControls.PROCESSING, processing));
        gates.forEach(RegionGate::start);
    }

    private RegionGate gate(RoutingControlReader reader, String kind, List<GatedComponent> components) {
        RegionGate gate = new RegionGate(
                platform.routingControlArn(app.id(), kind),
                reader,
                settings.routingControlPollIntervalOrDefault(),
                components);
        // The runbook reads whether a region's stages really stopped (or started), not only what ARC says.
        Gauge.builder("tradewind.region.gate.open", gate, open -> open.isOpen() ? 1 : 0)
                .description("1 while the components behind this routing control run")
                .tag("kind", kind)
                .register(meterRegistry);
        return gate;
    }

    /** The routing controls as the ARC cluster's endpoints answer them, read by the gates and followed brokers alike. */
    private RoutingControlReader reader() {
        if (reader == null)
            reader = new ArcRoutingControlReader(aws.arcCluster(platform.arc().endpoints()));
        return reader;
    }

    /** The region gates, for tests and the ops console. */
    public synchronized List<RegionGate> gates() {
        return List.copyOf(gates);
    }

    /** The clients every consumer of this process shares, made with the first consumer, closed on stop. */
    private KclClients kclClients() {
        if (kclClients == null) {
            kclClients = KclClients.from(aws);
            resources.add(kclClients); // closed after the gates have stopped the consumers
        }
        return kclClients;
    }

    /** Closes the gates, which stops every stage cleanly, then what the stages shared. */
    @Override
    public synchronized void close() {
        gates.forEach(RegionGate::close);
        gates.clear();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("{}: closing {} failed", app, resource, e);
            }
        }
        resources.clear();
        inbound.clear();
        processing.clear();
        kclClients = null;
        if (sentLogInDynamoDb) sentLog = null;
    }
}
