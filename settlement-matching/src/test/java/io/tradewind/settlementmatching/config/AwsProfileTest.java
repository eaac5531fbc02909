package io.tradewind.settlementmatching.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.topology.TaskEnvironment;
import io.tradewind.platform.pipeline.PipelineSettings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Settlement matching's {@code aws} profile says what trade matching's does (whose test imports the secrets from a
 * Secrets Manager fake): the same two imports, region, meter export and JSON logs, and KCL's metrics on.
 */
class AwsProfileTest {

    private static StandardEnvironment awsProfile() throws IOException {
        return profile("application-aws.yml");
    }

    private static StandardEnvironment profile(String file) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
        documents.forEach(environment.getPropertySources()::addFirst);
        return environment;
    }

    @Test
    void importsTheBrokerAndDatabaseLoginsFromTheSecretsTheTaskNames() throws IOException {
        StandardEnvironment environment = awsProfile();

        assertThat(Binder.get(environment)
                        .bind("spring.config.import", String[].class)
                        .get())
                .containsExactly("aws-secretsmanager:${TRADEWIND_DATABASE_SECRET_ID}?prefix=spring.datasource.");
        // Only the gateways' tasks run with the broker's profile, and only they are given the broker login's secret.
        assertThat(Binder.get(profile("application-" + TaskEnvironment.BROKER_PROFILE + ".yml"))
                        .bind("spring.config.import", String[].class)
                        .get())
                .containsExactly("aws-secretsmanager:${" + TaskEnvironment.MQ_SECRET_ID + "}?prefix=tradewind.mq.");
    }

    @Test
    void takesTheRegionFromTheTaskAndSendsMetersAndJsonLogsOut() throws IOException {
        StandardEnvironment environment = awsProfile();
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("task", Map.of("TRADEWIND_REGION", "us-west-2")));

        assertThat(environment.getProperty("spring.cloud.aws.region.static")).isEqualTo("us-west-2");
        assertThat(environment.getProperty("management.cloudwatch.metrics.export.namespace"))
                .isEqualTo("Tradewind");
        assertThat(environment.getProperty("management.prometheus.metrics.export.enabled", Boolean.class))
                .isFalse();
        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(Binder.get(environment)
                        .bind("tradewind.settlement-matching", PipelineSettings.class)
                        .get()
                        .kclMetricsLevelOrDefault())
                .isEqualTo("SUMMARY");
    }
}
