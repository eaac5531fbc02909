package io.tradewind.settlementmatching.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradewind.model.settlement.SettlementInstructionDecoder;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.gateway.JmsConnections;
import io.tradewind.platform.idempotency.PostgresSentLog;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.pipeline.StageName;
import io.tradewind.platform.pipeline.StagePipeline;
import io.tradewind.platform.quarantine.PostgresQuarantine;
import io.tradewind.platform.regiongate.RegionGate;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.settlementmatching.adapter.postgres.PostgresConfirmationStore;
import io.tradewind.settlementmatching.adapter.postgres.PostgresSettlementBook;
import io.tradewind.settlementmatching.domain.SettlementMatcher;
import io.tradewind.settlementmatching.flow.Brokers;
import io.tradewind.settlementmatching.flow.SettlementCommand;
import io.tradewind.settlementmatching.flow.SettlementEvent;
import io.tradewind.settlementmatching.stage.egress.EgressStage;
import io.tradewind.settlementmatching.stage.inbound.InstructionKeys;
import io.tradewind.settlementmatching.stage.ingestion.IngestionStage;
import io.tradewind.settlementmatching.stage.matching.MatchingStage;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.util.ArrayList;
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
 * The settlement stages this process runs, built on start: the inbound gateway on {@code settlements.inbound} behind
 * the app's inbound routing control, the stream consumers behind its processing control.
 */
public final class SettlementMatchingPipeline implements SmartLifecycle {
    public static final String INBOUND_QUEUE = "settlements.inbound";
    private static final Logger log = LoggerFactory.getLogger(SettlementMatchingPipeline.class);

    private final PlatformProperties platform;
    private final SettlementMatchingProperties settings;
    private final AwsClientFactory aws;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final MeterRegistry meterRegistry;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private StagePipeline pipeline;

    public SettlementMatchingPipeline(
            PlatformProperties platform,
            SettlementMatchingProperties settings,
            AwsClientFactory aws,
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            Clock clock,
            MeterRegistry meterRegistry) {
        this.platform = platform;
        this.settings = settings;
        this.aws = aws;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.meterRegistry = meterRegistry;
    }

    @Override
    public synchronized void start() {
        KinesisClient kinesis = aws.kinesis();
        DynamoDbClient dynamoDb = aws.dynamoDb();
        clients.add(kinesis);
        clients.add(dynamoDb);
        StagePipeline pipeline = new StagePipeline(
                SettlementMatchingProperties.APP,
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
        PostgresSettlementBook book = new PostgresSettlementBook(
                jdbc, transaction, new SettlementMatcher(settings.tolerances()), postgres, clock);

        if (pipeline.runs(StageName.INBOUND_GATEWAY))
            pipeline.addInboundGateway(
                    pipeline.componentName(StageName.INBOUND_GATEWAY), INBOUND_QUEUE, broker, new InstructionKeys());
        pipeline.addIngestion((toMatching, toOutbound, metrics) -> new IngestionStage(
                new SettlementInstructionDecoder(clock), book, toMatching, toOutbound, clock, metrics));
        pipeline.addMatching(SettlementCommand.class, toEgress -> new MatchingStage(book, toEgress));
        pipeline.addEgress(
                SettlementEvent.class,
                toOutbound -> new EgressStage(new PostgresConfirmationStore(jdbc, postgres, clock), toOutbound));
        pipeline.addOutboundGateway(Map.of(
                Brokers.SETTLEMENT_MATCHING,
                broker,
                Brokers.TRADE_MATCHING,
                pipeline.brokerOf(settings.tradeMatchingBroker(), broker)));
        pipeline.open();
        this.pipeline = pipeline;
        log.info(
                "settlement-matching in {} runs {}",
                platform.region(),
                settings.pipeline().selectedStages());
    }

    /** The meters of a stage (for the load harness and tests). */
    public synchronized StageMetrics metricsOf(StageName stage) {
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
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                log.warn("closing {} failed", client, e);
            }
        }
        clients.clear();
    }

    @Override
    public synchronized boolean isRunning() {
        return pipeline != null;
    }
}
