package io.tradewind.tradematching.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.metrics.StageHealth;
import io.tradewind.platform.sql.PostgresTimeouts;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The beans of trade matching: settings, AWS clients, and the pipeline of the selected stages. */
@Configuration(proxyBeanMethods = false)
// The bounds on every wait for PostgreSQL first: the app's own defaults may override them.
@PropertySource({
    "classpath:" + PostgresTimeouts.RESOURCE,
    "classpath:io/tradewind/tradematching/config/trade-matching-defaults.properties"
})
class TradeMatchingConfiguration {

    @Bean
    PlatformProperties platformProperties(Environment environment) {
        return Binder.get(environment)
                .bind("tradewind", PlatformProperties.class)
                .orElseThrow(() -> new IllegalStateException("tradewind.* settings are missing"));
    }

    @Bean
    TradeMatchingProperties tradeMatchingProperties(Environment environment) {
        return Binder.get(environment)
                .bind("tradewind.trade-matching", TradeMatchingProperties.class)
                .orElseGet(TradeMatchingProperties::defaults);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AwsClientFactory awsClientFactory(PlatformProperties platform) {
        return new AwsClientFactory(platform.awsSettings());
    }

    @Bean(destroyMethod = "close")
    KinesisClient kinesisClient(AwsClientFactory aws) {
        return aws.kinesis();
    }

    @Bean(destroyMethod = "close")
    DynamoDbClient dynamoDbClient(AwsClientFactory aws) {
        return aws.dynamoDb();
    }

    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactions) {
        return new TransactionTemplate(transactions);
    }

    @Bean
    TradeMatchingPipeline tradeMatchingPipeline(
            PlatformProperties platform,
            TradeMatchingProperties settings,
            AwsClientFactory aws,
            KinesisClient kinesis,
            DynamoDbClient dynamoDb,
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            Clock clock,
            ObjectProvider<MeterRegistry> meterRegistry) {
        return new TradeMatchingPipeline(
                platform,
                settings,
                aws,
                kinesis,
                dynamoDb,
                jdbc,
                transaction,
                clock,
                meterRegistry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** DOWN while a stage is held by a dependency ({@link StageHealth}; README, "Every wait has a bound"). */
    @Bean
    HealthIndicator stagesHealthIndicator(ObjectProvider<MeterRegistry> meterRegistry, Environment environment) {
        Duration limit = environment.getProperty(StageHealth.LIMIT_PROPERTY, Duration.class, StageHealth.DEFAULT_LIMIT);
        StageHealth stages = new StageHealth(meterRegistry.getIfAvailable(SimpleMeterRegistry::new), limit);
        return () -> stages.check()
                .to((status, details) ->
                        Health.status(status).withDetails(details).build());
    }
}
