package io.tradewind.platform.app.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradewind.platform.app.AppPipeline;
import io.tradewind.platform.app.MatchingApp;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.metrics.StageHealth;
import io.tradewind.platform.participant.CachingParticipantDirectory;
import io.tradewind.platform.participant.DynamoDbParticipantRegistry;
import io.tradewind.platform.participant.ParticipantDirectory;
import io.tradewind.platform.pipeline.PipelineSettings;
import io.tradewind.platform.regiongate.PinnedOnRoutingControls;
import io.tradewind.platform.sql.PostgresTimeouts;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The beans every matching app has: its settings ({@code tradewind.*} and {@code tradewind.<app>.*}), the clock, its
 * AWS clients ({@link SpringCloudAwsClients}), a transaction template, the stages' health, the participant registry as the stages read it, and
 * the app's pipeline, started and stopped with the application context; and the guard in front of its HTTP endpoints
 * ({@link HttpEndpointSecurity}). The bounds on every wait for PostgreSQL come first, so the app's own defaults may
 * override them.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:" + PostgresTimeouts.RESOURCE)
@PropertySource("classpath:io/tradewind/platform/app/spring/matching-app-probes.properties")
@Import({SpringCloudAwsClients.class, HttpEndpointSecurity.class, HealthProbes.class})
public class MatchingAppConfiguration {

    @Bean
    PlatformProperties platformProperties(Environment environment) {
        return Binder.get(environment)
                .bind("tradewind", PlatformProperties.class)
                .orElseThrow(() -> new IllegalStateException("tradewind.* settings are missing"));
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactions) {
        return new TransactionTemplate(transactions);
    }

    @Bean
    AppLifecycle appPipeline(
            MatchingApp app,
            PlatformProperties platform,
            AwsClientFactory aws,
            DynamoDbClient dynamoDb,
            DataSource database,
            Clock clock,
            Environment environment,
            ObjectProvider<MeterRegistry> meterRegistry,
            ParticipantDirectory participants) {
        PipelineSettings settings = Binder.get(environment)
                .bind("tradewind." + app.app().id(), PipelineSettings.class)
                .orElseGet(PipelineSettings::defaults);
        AppPipeline pipeline = new AppPipeline(
                app,
                new AppPipeline.Infrastructure(
                        platform,
                        settings,
                        aws,
                        dynamoDb,
                        database,
                        clock,
                        meterRegistry.getIfAvailable(SimpleMeterRegistry::new),
                        participants));
        if (environment.getProperty(PinnedOnRoutingControls.PROPERTY, Boolean.class, false))
            pipeline.withRoutingControlReader(new PinnedOnRoutingControls());
        return new AppLifecycle(pipeline);
    }

    /**
     * The participant registry ({@link io.tradewind.model.topology.Tables#PARTICIPANTS}) as the ingestion stages read
     * it: cached for {@link CachingParticipantDirectory#DEFAULT_TTL}, so a suspension takes effect within that. The
     * pipeline creates the table with the app's others when {@code tradewind.provision-resources} is set. It reads
     * through Spring Cloud AWS's DynamoDB client, which the application context closes.
     */
    @Bean
    ParticipantDirectory participantDirectory(DynamoDbClient dynamoDb, Clock clock) {
        return CachingParticipantDirectory.of(DynamoDbParticipantRegistry.of(dynamoDb), clock);
    }

    /** DOWN while a stage is held by a dependency ({@link StageHealth}; docs/architecture.md, "Every wait has a bound"). */
    @Bean
    HealthIndicator stagesHealthIndicator(ObjectProvider<MeterRegistry> meterRegistry, Environment environment) {
        Duration limit = environment.getProperty(StageHealth.LIMIT_PROPERTY, Duration.class, StageHealth.DEFAULT_LIMIT);
        StageHealth stages = new StageHealth(meterRegistry.getIfAvailable(SimpleMeterRegistry::new), limit);
        return () -> stages.check()
                .to((status, details) ->
                        Health.status(status).withDetails(details).build());
    }

    /** Readiness: the region gates' ({@link HealthProbes#regionGates}), in the {@code readiness} health group. */
    @Bean
    HealthIndicator regionGatesHealthIndicator(AppLifecycle app) {
        return () -> HealthProbes.regionGates(app.pipeline().gates());
    }

    /** The app's pipeline as the application context starts and stops it. */
    public static final class AppLifecycle implements SmartLifecycle {
        private final AppPipeline pipeline;

        AppLifecycle(AppPipeline pipeline) {
            this.pipeline = pipeline;
        }

        public AppPipeline pipeline() {
            return pipeline;
        }

        @Override
        public void start() {
            pipeline.start();
        }

        @Override
        public void stop() {
            pipeline.stop();
        }

        @Override
        public boolean isRunning() {
            return pipeline.isRunning();
        }
    }
}
