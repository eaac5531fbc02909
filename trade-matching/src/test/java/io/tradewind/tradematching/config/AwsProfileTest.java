package io.tradewind.tradematching.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tradewind.model.topology.TaskEnvironment;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.gateway.JmsLogin;
import io.tradewind.platform.pipeline.PipelineSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The {@code aws} profile (application-aws.yml) as an ECS task starts it: the broker and database logins come from
 * Secrets Manager through {@code spring.config.import}, named by the task's environment, and the rest binds. Secrets
 * Manager is played by a fake speaking its JSON protocol on 127.0.0.1 (no open-source emulator of it runs here), so
 * this proves Spring Cloud AWS's import asks for the right secrets and maps their keys where the service reads them;
 * not that a real Secrets Manager and task role grant them.
 */
class AwsProfileTest {
    private static final String MQ_SECRET = "test/mq-login";
    private static final String DATABASE_SECRET = "test/database-login";
    private static final Pattern SECRET_ID = Pattern.compile("\"SecretId\"\\s*:\\s*\"([^\"]+)\"");

    /** The secrets the fake holds, as Secrets Manager returns them: a JSON object in SecretString. */
    private static final Map<String, String> SECRETS = Map.of(
            MQ_SECRET, "{\"username\":\"trade-matching\",\"password\":\"mq-s3cret\"}",
            DATABASE_SECRET, "{\"username\":\"tradewind_admin\",\"password\":\"db-s3cret\"}");

    private final List<String> secretsAskedFor = new CopyOnWriteArrayList<>();
    private HttpServer secretsManager;

    /** Nothing but the environment: the profile's settings are what is under test, not the beans they make. */
    @Configuration(proxyBeanMethods = false)
    static class NoBeans {}

    @BeforeEach
    void startSecretsManager() throws IOException {
        secretsManager = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        secretsManager.createContext("/", this::answer);
        secretsManager.start();
    }

    @AfterEach
    void stopSecretsManager() {
        secretsManager.stop(0);
    }

    /** GetSecretValue, the one call the import makes; an unknown id is ResourceNotFoundException, as AWS says it. */
    private void answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher id = SECRET_ID.matcher(body);
        String secretId = id.find() ? id.group(1) : null;
        secretsAskedFor.add(target + " " + secretId);
        String secret = SECRETS.get(secretId);
        String answer = secret == null
                ? "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified"
                        + " secret.\"}"
                : "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:" + secretId + "-AbCdEf\","
                        + "\"Name\":\"" + secretId + "\",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"],"
                        + "\"CreatedDate\":1.7E9,\"SecretString\":" + jsonString(secret) + "}";
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(secret == null ? 400 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Starts the application's environment as an ECS task does: the task definition's variables as the process's
     * environment (so relaxed binding maps {@code TRADEWIND_REGION} to {@code tradewind.region} as it will there), and
     * in place of the task role and the region's endpoint, test credentials and the fake's address.
     */
    private ConfigurableApplicationContext startAsAnEcsTask(String mqSecretId) {
        return startAsAnEcsTask(TaskEnvironment.profiles(true), mqSecretId);
    }

    /** A task of the given profiles; {@code mqSecretId} null for a stage that is given no broker login. */
    private ConfigurableApplicationContext startAsAnEcsTask(String profiles, String mqSecretId) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put(TaskEnvironment.SPRING_PROFILES_ACTIVE, profiles);
        task.put("TRADEWIND_REGION", "us-east-1");
        if (mqSecretId != null) task.put(TaskEnvironment.MQ_SECRET_ID, mqSecretId);
        task.put("TRADEWIND_DATABASE_SECRET_ID", DATABASE_SECRET);
        task.put("TRADEWIND_MQ_BROKER_URL", "failover:(ssl://b-1.example:61617,ssl://b-2.example:61617)");
        task.put("TRADEWIND_ARC_ENDPOINTS", "https://host-a.example/,https://host-b.example/");
        task.put("TRADEWIND_ARC_CONTROLPANELARN", "arn:aws:route53-recovery-control::000000000000:controlpanel/p");
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, task));
        return new SpringApplicationBuilder(NoBeans.class)
                .environment(environment)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .run(
                        "--spring.cloud.aws.credentials.access-key=test",
                        "--spring.cloud.aws.credentials.secret-key=test",
                        "--spring.cloud.aws.secretsmanager.endpoint=http://127.0.0.1:"
                                + secretsManager.getAddress().getPort());
    }

    @Test
    void importsTheBrokerAndDatabaseLoginsFromTheSecretsTheTaskNames() {
        try (ConfigurableApplicationContext app = startAsAnEcsTask(MQ_SECRET)) {
            Environment environment = app.getEnvironment();

            assertThat(secretsAskedFor)
                    .containsExactlyInAnyOrder(
                            "secretsmanager.GetSecretValue " + MQ_SECRET,
                            "secretsmanager.GetSecretValue " + DATABASE_SECRET);
            assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("tradewind_admin");
            assertThat(environment.getProperty("spring.datasource.password")).isEqualTo("db-s3cret");
            PlatformProperties platform = Binder.get(environment)
                    .bind("tradewind", PlatformProperties.class)
                    .get();
            assertThat(platform.mq().login()).isEqualTo(new JmsLogin("trade-matching", "mq-s3cret"));
            assertThat(platform.region()).isEqualTo("us-east-1");
            assertThat(platform.mq().brokerUrl())
                    .hasToString("failover:(ssl://b-1.example:61617,ssl://b-2.example:61617)");
        }
    }

    @Test
    void aStageThatNeverTalksToABrokerReadsOnlyItsDatabaseSecret() {
        try (ConfigurableApplicationContext app = startAsAnEcsTask(TaskEnvironment.AWS_PROFILE, null)) {
            assertThat(secretsAskedFor).containsExactly("secretsmanager.GetSecretValue " + DATABASE_SECRET);
            PlatformProperties platform = Binder.get(app.getEnvironment())
                    .bind("tradewind", PlatformProperties.class)
                    .get();
            assertThat(platform.mq().login()).isNull();
            assertThat(app.getEnvironment().getProperty("spring.datasource.password"))
                    .isEqualTo("db-s3cret");
        }
    }

    @Test
    void takesTheRegionFromTheTaskAndSendsMetersAndJsonLogsOut() {
        try (ConfigurableApplicationContext app = startAsAnEcsTask(MQ_SECRET)) {
            Environment environment = app.getEnvironment();

            assertThat(environment.getProperty("spring.cloud.aws.region.static"))
                    .isEqualTo("us-east-1");
            assertThat(environment.getProperty("management.cloudwatch.metrics.export.namespace"))
                    .isEqualTo("Tradewind");
            assertThat(environment.getProperty("management.cloudwatch.metrics.export.enabled", Boolean.class))
                    .isTrue();
            assertThat(environment.getProperty("management.prometheus.metrics.export.enabled", Boolean.class))
                    .isFalse();
            assertThat(environment.getProperty("logging.structured.format.console"))
                    .isEqualTo("ecs");
            PipelineSettings pipeline = Binder.get(environment)
                    .bind("tradewind.trade-matching", PipelineSettings.class)
                    .get();
            assertThat(pipeline.kclMetricsLevelOrDefault()).isEqualTo("SUMMARY");
        }
    }

    @Test
    void doesNotStartWithoutASecretItNames() {
        assertThatThrownBy(() -> startAsAnEcsTask("test/no-such-secret").close())
                .hasStackTraceContaining("ResourceNotFoundException");
        assertThat(secretsAskedFor).contains("secretsmanager.GetSecretValue test/no-such-secret");
    }
}
