package io.tradewind.settlementmatching.config;

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

/** The beans of settlement matching: settings, AWS clients, and the pipeline of the selected stages. */
@Configuration(proxyBeanMethods = false)
// The bounds on every wait for PostgreSQL first: the app's own defaults may override them.
@PropertySource({
    "classpath:" + PostgresTimeouts.RESOURCE,
    "classpath:io/tradewind/settlementmatching/config/settlement-matching-defaults.properties"
})
class SettlementMatchingConfiguration {

    @Bean
    PlatformProperties platformProperties(Environment environment) {
        return Binder.get(environment)
                .bind("tradewind", PlatformProperties.class)
                .orElseThrow(() -> new IllegalStateException("tradewind.* settings are missing"));
    }

    @Bean
    SettlementMatchingProperties settlementMatchingProperties(Environment environment) {
        return Binder.get(environment)
                .bind("tradewind.settlement-matching", SettlementMatchingProperties.class)
                .orElseGet(SettlementMatchingProperties::defaults);
    }

    @Bean
    SettlementMatchingPipeline settlementMatchingPipeline(
            PlatformProperties platform,
            SettlementMatchingProperties settings,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            ObjectProvider<MeterRegistry> meterRegistry) {
        AwsClientFactory aws = new AwsClientFactory(platform.awsSettings());
        return new SettlementMatchingPipeline(
                platform,
                settings,
                aws,
                jdbc,
                new TransactionTemplate(transactions),
                Clock.systemUTC(),
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
