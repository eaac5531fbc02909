package io.tradewind.tradematching.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.gateway.InboundKeys;
import io.tradewind.platform.gateway.JmsConnections;
import io.tradewind.platform.idempotency.PostgresSentLog;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.pipeline.StageName;
import io.tradewind.platform.pipeline.StagePipeline;
import io.tradewind.platform.quarantine.PostgresQuarantine;
import io.tradewind.platform.regiongate.RegionGate;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.tradematching.adapter.postgres.PostgresInstructionStore;
import io.tradewind.tradematching.adapter.postgres.PostgresTradeBook;
import io.tradewind.tradematching.adapter.stream.EgressStream;
import io.tradewind.tradematching.domain.TradeMatcher;
import io.tradewind.tradematching.flow.Brokers;
import io.tradewind.tradematching.flow.TradeCommand;
import io.tradewind.tradematching.flow.TradeEvent;
import io.tradewind.tradematching.stage.egress.EgressStage;
import io.tradewind.tradematching.stage.inbound.ConfirmationKeys;
import io.tradewind.tradematching.stage.inbound.TradePartitioning;
import io.tradewind.tradematching.stage.ingestion.HeldCancelSweep;
import io.tradewind.tradematching.stage.ingestion.IngestionStage;
import io.tradewind.tradematching.stage.matching.MatchingStage;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.util.List;
import java.util.Map;
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
    public static final String JOURNAL_TABLE = StagePipeline.journalTable(TradeMatchingProperties.APP);
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
    private StagePipeline pipeline;

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
        StagePipeline pipeline = new StagePipeline(
                TradeMatchingProperties.APP,
                platform,
                settings.pipeline(),
                aws,
                kinesis,
                dynamoDb,
                clock,
                meterRegistry);
        pipeline.withSentLog(
                new PostgresSentLog(jdbc.getDataSource(), DependencyGuard.forDependency("postgres"), clock));
        pipeline.withQuarantine(
                new PostgresQuarantine(jdbc.getDataSource(), DependencyGuard.forDependency("postgres"), meterRegistry));
        if (platform.provisionResources()) pipeline.provision();
        ConnectionFactory broker = JmsConnections.activeMq(platform.mq().brokerUrl());
        DependencyGuard postgres = DependencyGuard.forDependency("postgres");
        PostgresTradeBook book =
                new PostgresTradeBook(jdbc, transaction, new TradeMatcher(settings.tolerances()), postgres, clock);

        if (pipeline.runs(StageName.INBOUND_GATEWAY)) {
            pipeline.addInboundGateway(
                    pipeline.componentName(StageName.INBOUND_GATEWAY),
                    INBOUND_QUEUE,
                    broker,
                    InboundKeys.bySender(TradePartitioning::partitionKeyOf));
            // The settle loop: settlement-matching confirms settled allocations on our broker.
            pipeline.addInboundGateway(
                    TradeMatchingProperties.APP + "-confirmations-gateway",
                    IngestionStage.CONFIRMATIONS_QUEUE,
                    broker,
                    new ConfirmationKeys());
        }
        pipeline.addIngestion((toMatching, toOutbound, metrics) ->
                new IngestionStage(new TradeMessageDecoder(clock), book, toMatching, toOutbound, clock, metrics));
        if (pipeline.runs(StageName.INGESTION)) {
            StageMetrics ingestion = pipeline.metricsOf(StageName.INGESTION);
            pipeline.addBehindProcessingControl(new HeldCancelSweep(
                    settings.heldCancels(),
                    book,
                    pipeline.publisherInto(StageName.MATCHING, ingestion),
                    pipeline.publisherInto(StageName.OUTBOUND_GATEWAY, ingestion),
                    clock,
                    ingestion));
        }
        pipeline.addMatching(TradeCommand.class, toEgress -> new MatchingStage(book, EgressStream.toEgress(toEgress)));
        pipeline.addEgress(
                TradeEvent.class,
                toOutbound -> new EgressStage(new PostgresInstructionStore(jdbc, postgres, clock), toOutbound));
        pipeline.addOutboundGateway(Map.of(
                Brokers.TRADE_MATCHING,
                broker,
                Brokers.SETTLEMENT_MATCHING,
                pipeline.brokerOf(settings.settlementBroker(), broker)));
        pipeline.open();
        this.pipeline = pipeline;
        log.info(
                "trade-matching in {} runs {}",
                platform.region(),
                settings.pipeline().selectedStages());
    }

    /** The meters of a stage (for the load harness and tests). */
    public StageMetrics metricsOf(StageName stage) {
        return pipeline.metricsOf(stage);
    }

    /** The region gates, for tests and the ops console. */
    public synchronized List<RegionGate> gates() {
        return pipeline == null ? List.of() : pipeline.gates();
    }

    @Override
    public synchronized void stop() {
        if (pipeline != null) pipeline.close();
        pipeline = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return pipeline != null;
    }
}
