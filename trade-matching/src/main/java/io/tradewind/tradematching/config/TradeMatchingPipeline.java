package io.tradewind.tradematching.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.gateway.DynamoDbInboundJournal;
import io.tradewind.platform.gateway.InboundRecord;
import io.tradewind.platform.gateway.JmsConnections;
import io.tradewind.platform.gateway.JmsInboundGateway;
import io.tradewind.platform.gateway.OnceOnlyJmsSender;
import io.tradewind.platform.idempotency.DynamoDbSentLog;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.provisioning.Provisioner;
import io.tradewind.platform.regiongate.ArcRoutingControlReader;
import io.tradewind.platform.regiongate.GatedComponent;
import io.tradewind.platform.regiongate.RegionGate;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.stream.KclClients;
import io.tradewind.platform.stream.KclStageConsumer;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.RecordDecoder;
import io.tradewind.platform.stream.Stage;
import io.tradewind.platform.stream.StageRunner;
import io.tradewind.tradematching.adapter.postgres.PostgresInstructionStore;
import io.tradewind.tradematching.adapter.postgres.PostgresTradeBook;
import io.tradewind.tradematching.domain.TradeMatcher;
import io.tradewind.tradematching.flow.FlowJson;
import io.tradewind.tradematching.flow.OutboundEnvelope;
import io.tradewind.tradematching.flow.TradeCommand;
import io.tradewind.tradematching.flow.TradeEvent;
import io.tradewind.tradematching.stage.egress.EgressStage;
import io.tradewind.tradematching.stage.inbound.TradePartitioning;
import io.tradewind.tradematching.stage.ingestion.IngestionStage;
import io.tradewind.tradematching.stage.matching.MatchingStage;
import io.tradewind.tradematching.stage.outbound.OutboundGatewayStage;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The stages this process runs, built on start: the inbound gateway behind the app's inbound routing control, the
 * stream consumers behind its processing control. Stopping closes the gates, which stops every stage cleanly.
 */
public final class TradeMatchingPipeline implements SmartLifecycle {
    public static final String JOURNAL_TABLE = TradeMatchingProperties.APP + "-inbound-journal";
    public static final String SENT_LOG_TABLE = TradeMatchingProperties.APP + "-sent-log";
    public static final String INBOUND_QUEUE = "trades.inbound";
    private static final Logger log = LoggerFactory.getLogger(TradeMatchingPipeline.class);

    private final PlatformProperties platform;
    private final TradeMatchingProperties settings;
    private final AwsClientFactory aws;
    private final KinesisClient kinesis;
    private final DynamoDbClient dynamoDb;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final MeterRegistry meterRegistry;
    private final Map<StageName, StageMetrics> metrics = new EnumMap<>(StageName.class);
    private final List<RegionGate> gates = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private KclClients kclClients;
    private volatile boolean running;

    public TradeMatchingPipeline(
            PlatformProperties platform,
            TradeMatchingProperties settings,
            AwsClientFactory aws,
            KinesisClient kinesis,
            DynamoDbClient dynamoDb,
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            Clock clock,
            MeterRegistry meterRegistry) {
        this.meterRegistry = meterRegistry;
        this.platform = platform;
        this.settings = settings;
        this.aws = aws;
        this.kinesis = kinesis;
        this.dynamoDb = dynamoDb;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        Set<StageName> stages = settings.selectedStages();
        if (platform.provisionResources()) provision();
        List<GatedComponent> inbound = new ArrayList<>();
        List<GatedComponent> processing = new ArrayList<>();
        ConnectionFactory broker = JmsConnections.activeMq(platform.mq().brokerUrl());
        DependencyGuard postgres = DependencyGuard.forDependency("postgres");
        PostgresTradeBook book =
                new PostgresTradeBook(jdbc, transaction, new TradeMatcher(settings.tolerances()), postgres, clock);

        if (stages.contains(StageName.INBOUND_GATEWAY))
            inbound.add(new JmsInboundGateway(
                    JmsInboundGateway.Settings.of(componentName(StageName.INBOUND_GATEWAY), INBOUND_QUEUE)
                            .withConsumers(settings.inboundConsumersOrDefault()),
                    broker,
                    new DynamoDbInboundJournal(
                            dynamoDb, JOURNAL_TABLE, platform.region(), DependencyGuard.forDependency("dynamodb")),
                    publisherInto(StageName.INGESTION, metricsOf(StageName.INBOUND_GATEWAY)),
                    TradePartitioning::partitionKeyOf,
                    clock,
                    metricsOf(StageName.INBOUND_GATEWAY)));
        if (stages.contains(StageName.INGESTION)) {
            StageMetrics metrics = metricsOf(StageName.INGESTION);
            processing.add(consumer(
                    StageName.INGESTION,
                    record -> InboundRecord.decode(record.data()),
                    new IngestionStage(
                            new TradeMessageDecoder(),
                            book,
                            publisherInto(StageName.MATCHING, metrics),
                            publisherInto(StageName.OUTBOUND_GATEWAY, metrics),
                            clock,
                            metrics),
                    metrics));
        }
        if (stages.contains(StageName.MATCHING)) {
            StageMetrics metrics = metricsOf(StageName.MATCHING);
            processing.add(consumer(
                    StageName.MATCHING,
                    record -> FlowJson.decode(record.data(), TradeCommand.class),
                    new MatchingStage(book, publisherInto(StageName.EGRESS, metrics)),
                    metrics));
        }
        if (stages.contains(StageName.EGRESS)) {
            StageMetrics metrics = metricsOf(StageName.EGRESS);
            processing.add(consumer(
                    StageName.EGRESS,
                    record -> FlowJson.decode(record.data(), TradeEvent.class),
                    new EgressStage(
                            new PostgresInstructionStore(jdbc, postgres, clock),
                            publisherInto(StageName.OUTBOUND_GATEWAY, metrics)),
                    metrics));
        }
        if (stages.contains(StageName.OUTBOUND_GATEWAY)) {
            DynamoDbSentLog sentLog =
                    new DynamoDbSentLog(dynamoDb, SENT_LOG_TABLE, DependencyGuard.forDependency("dynamodb"), clock);
            resources.add(sentLog);
            Map<OutboundEnvelope.Broker, OnceOnlyJmsSender> senders = new EnumMap<>(OutboundEnvelope.Broker.class);
            senders.put(OutboundEnvelope.Broker.TRADE_MATCHING, new OnceOnlyJmsSender(broker, sentLog));
            senders.put(
                    OutboundEnvelope.Broker.SETTLEMENT_MATCHING,
                    new OnceOnlyJmsSender(
                            settings.settlementBrokerUrl() == null
                                    ? broker
                                    : JmsConnections.activeMq(settings.settlementBrokerUrl()),
                            sentLog));
            resources.addAll(senders.values());
            StageMetrics metrics = metricsOf(StageName.OUTBOUND_GATEWAY);
            processing.add(consumer(
                    StageName.OUTBOUND_GATEWAY,
                    record -> FlowJson.decode(record.data(), OutboundEnvelope.class),
                    new OutboundGatewayStage(senders, metrics),
                    metrics));
        }

        ArcRoutingControlReader reader =
                new ArcRoutingControlReader(aws.arcCluster(platform.arc().endpoints()));
        if (!inbound.isEmpty()) gates.add(gate(reader, "inbound", inbound));
        if (!processing.isEmpty()) gates.add(gate(reader, "processing", processing));
        gates.forEach(RegionGate::start);
        running = true;
        log.info("trade-matching in {} runs {}", platform.region(), stages);
    }

    private RegionGate gate(ArcRoutingControlReader reader, String kind, List<GatedComponent> components) {
        return new RegionGate(
                platform.routingControlArn(TradeMatchingProperties.APP, kind),
                reader,
                settings.routingControlPollIntervalOrDefault(),
                components);
    }

    private void provision() {
        Provisioner provisioner = new Provisioner(kinesis, dynamoDb);
        for (StageName stage :
                List.of(StageName.INGESTION, StageName.MATCHING, StageName.EGRESS, StageName.OUTBOUND_GATEWAY))
            provisioner.ensureStream(TradeMatchingProperties.streamInto(stage), settings.shardsOrDefault());
        provisioner.ensureTable(JOURNAL_TABLE, DynamoDbInboundJournal.KEY);
        provisioner.ensureTable(SENT_LOG_TABLE, DynamoDbSentLog.KEY);
    }

    /** A publisher into the stream {@code stage} consumes, counting what it publishes as {@code from}'s output. */
    private KinesisPublisher publisherInto(StageName stage, StageMetrics from) {
        return new KinesisPublisher(
                        kinesis, TradeMatchingProperties.streamInto(stage), DependencyGuard.forDependency("kinesis"))
                .countingInto(from::published);
    }

    /** The meters of a stage, created once and shared by its consumer, its stage and its publishers. */
    public StageMetrics metricsOf(StageName stage) {
        return metrics.computeIfAbsent(stage, name -> new StageMetrics(meterRegistry, componentName(name)));
    }

    private <T> KclStageConsumer<T> consumer(
            StageName stage, RecordDecoder<T> decoder, Stage<T> logic, StageMetrics metrics) {
        String name = componentName(stage);
        KclStageConsumer.Settings consumer = new KclStageConsumer.Settings(
                name,
                TradeMatchingProperties.streamInto(stage),
                name + "-" + platform.region(),
                settings.idleTimeBetweenReadsOrDefault(),
                settings.maxRecordsPerBatchOrDefault(),
                java.time.Duration.ofSeconds(10),
                java.time.Duration.ofSeconds(30));
        return new KclStageConsumer<>(consumer, new StageRunner<>(name, decoder, logic, metrics), kclClients());
    }

    private static String componentName(StageName stage) {
        return TradeMatchingProperties.APP + "-" + stage.configName();
    }

    /** The clients every consumer of this process shares, made with the first consumer, closed on stop. */
    private KclClients kclClients() {
        if (kclClients == null) {
            kclClients = KclClients.from(aws);
            resources.add(kclClients); // closed after the gates have stopped the consumers
        }
        return kclClients;
    }

    /** The region gates, for tests and the ops console. */
    public List<RegionGate> gates() {
        return List.copyOf(gates);
    }

    @Override
    public synchronized void stop() {
        gates.forEach(RegionGate::close);
        gates.clear();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("closing {} failed", resource, e);
            }
        }
        resources.clear();
        kclClients = null;
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
