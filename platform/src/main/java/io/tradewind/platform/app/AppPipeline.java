package io.tradewind.platform.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.gateway.JmsConnections;
import io.tradewind.platform.idempotency.PostgresSentLog;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.participant.ParticipantDirectory;
import io.tradewind.platform.participant.SenderAuthorization;
import io.tradewind.platform.pipeline.PipelineSettings;
import io.tradewind.platform.pipeline.StageName;
import io.tradewind.platform.pipeline.StagePipeline;
import io.tradewind.platform.quarantine.PostgresQuarantine;
import io.tradewind.platform.regiongate.RegionGate;
import io.tradewind.platform.regiongate.RoutingControlReader;
import io.tradewind.platform.resilience.DependencyGuard;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * One app's running stages, built alike for every app on {@link #start()}: its AWS clients, its sent-log and quarantine
 * in the app's PostgreSQL, its streams and tables when the process provisions them, the app's own stages, and the
 * outbound gateway to its own and its peer's broker; then the region gates open. {@link #stop()} closes the gates, which
 * stops every stage cleanly, then the clients.
 */
public final class AppPipeline {
    private static final Logger log = LoggerFactory.getLogger(AppPipeline.class);

    /**
     * What every app's pipeline is built on.
     *
     * @param aws builds the clients the pipeline owns (Kinesis, KCL's, the ARC cluster's)
     * @param dynamoDb the process's DynamoDB client, which its owner closes (in a Spring Boot service, Spring Cloud
     *     AWS's)
     */
    public record Infrastructure(
            PlatformProperties platform,
            PipelineSettings settings,
            AwsClientFactory aws,
            DynamoDbClient dynamoDb,
            DataSource database,
            Clock clock,
            MeterRegistry meterRegistry,
            ParticipantDirectory participants) {}

    private final MatchingApp app;
    private final Infrastructure infrastructure;
    private final List<AutoCloseable> clients = new ArrayList<>();
    /** Volatile: the probes read the gates without waiting for a start that provisions and connects. */
    private volatile StagePipeline pipeline;

    private RoutingControlReader routingControls;

    public AppPipeline(MatchingApp app, Infrastructure infrastructure) {
        this.app = app;
        this.infrastructure = infrastructure;
    }

    /**
     * Reads the routing controls through {@code reader} instead of the ARC cluster's endpoints (a gate pinned On where
     * no ARC exists); call before {@link #start()}.
     */
    public synchronized AppPipeline withRoutingControlReader(RoutingControlReader reader) {
        this.routingControls = reader;
        return this;
    }

    public synchronized void start() {
        if (pipeline != null) return;
        PlatformProperties platform = infrastructure.platform();
        KinesisClient kinesis = infrastructure.aws().kinesis();
        clients.add(kinesis);
        DynamoDbClient dynamoDb = infrastructure.dynamoDb();
        StagePipeline pipeline = new StagePipeline(
                app.app(),
                platform,
                infrastructure.settings(),
                infrastructure.aws(),
                kinesis,
                dynamoDb,
                infrastructure.clock(),
                infrastructure.meterRegistry());
        if (routingControls != null) pipeline.withRoutingControlReader(routingControls);
        DataSource database = infrastructure.database();
        pipeline.withSentLog(
                new PostgresSentLog(database, DependencyGuard.forDependency("postgres"), infrastructure.clock()));
        pipeline.withQuarantine(new PostgresQuarantine(
                database, DependencyGuard.forDependency("postgres"), infrastructure.meterRegistry()));
        if (platform.provisionResources()) pipeline.provision();
        ConnectionFactory broker = JmsConnections.activeMq(platform.mq());
        app.stages()
                .addTo(new AppAssembly(
                        app.app(), pipeline, broker, new SenderAuthorization(infrastructure.participants())));
        pipeline.addOutboundGateway(
                Map.of(app.app().id(), broker, app.peerBroker().app(), pipeline.brokerOf(app.peerBroker(), broker)));
        pipeline.open();
        this.pipeline = pipeline;
        log.info(
                "{} in {} runs {}",
                app.app().id(),
                platform.region(),
                infrastructure.settings().selectedStages());
    }

    /** The meters of a stage (for the load harness and tests). */
    public synchronized StageMetrics metricsOf(StageName stage) {
        if (pipeline == null) throw new IllegalStateException(app.app().id() + " is not running");
        return pipeline.metricsOf(stage);
    }

    /** The region gates, for tests, the ops console and the readiness probe; none until started. */
    public List<RegionGate> gates() {
        StagePipeline running = pipeline;
        return running == null ? List.of() : running.gates();
    }

    public synchronized boolean isRunning() {
        return pipeline != null;
    }

    public synchronized void stop() {
        if (pipeline != null) pipeline.close();
        pipeline = null;
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                log.warn("{}: closing {} failed", app.app().id(), client, e);
            }
        }
        clients.clear();
    }
}
