package io.tradewind.opsconsole.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tradewind.model.topology.Secrets;
import io.tradewind.model.topology.TaskEnvironment;
import io.tradewind.opsconsole.access.ConsoleRole;
import io.tradewind.opsconsole.access.ConsoleUser;
import io.tradewind.opsconsole.access.ConsoleUsers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The console's {@code aws} profile as its ECS task starts it: its users come from the Secrets Manager secret the task
 * names, as the JSON list the platform team puts there (or an object holding it), into {@value ConsoleUsers#PROPERTY}.
 * Secrets Manager is played by a fake speaking its JSON protocol on 127.0.0.1, as in the apps' AwsProfileTest.
 */
class AwsProfileTest {
    private static final Pattern SECRET_ID = Pattern.compile("\"SecretId\"\\s*:\\s*\"([^\"]+)\"");
    private static final ConsoleUser ALICE =
            ConsoleUsers.withPassword("alice@example.com", Set.of(ConsoleRole.OPERATOR), "a-secret");

    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final List<String> secretsAskedFor = new CopyOnWriteArrayList<>();
    private HttpServer secretsManager;

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

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Matcher id = SECRET_ID.matcher(body);
        String secretId = id.find() ? id.group(1) : null;
        secretsAskedFor.add(secretId);
        String secret = secrets.get(secretId);
        String answer = secret == null
                ? "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no such secret\"}"
                : "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:" + secretId + "-AbCdEf\","
                        + "\"Name\":\"" + secretId + "\",\"VersionId\":\"v1\",\"VersionStages\":[\"AWSCURRENT\"],"
                        + "\"CreatedDate\":1.7E9,\"SecretString\":\""
                        + secret.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(secret == null ? 400 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The console's users as its environment has them once the task started with the profile {@code aws}. */
    private ConsoleUsers usersAsTheTaskReadsThem() {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put(TaskEnvironment.SPRING_PROFILES_ACTIVE, TaskEnvironment.AWS_PROFILE);
        task.put(TaskEnvironment.REGION, "us-east-1");
        task.put(TaskEnvironment.CONSOLE_USERS_SECRET_ID, Secrets.CONSOLE_USERS);
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, task));
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(NoBeans.class)
                .environment(environment)
                .web(WebApplicationType.NONE)
                .registerShutdownHook(false)
                .run(
                        "--spring.cloud.aws.credentials.access-key=test",
                        "--spring.cloud.aws.credentials.secret-key=test",
                        "--spring.cloud.aws.secretsmanager.endpoint=http://127.0.0.1:"
                                + secretsManager.getAddress().getPort())) {
            return ConsoleUsers.fromObject(
                    app.getEnvironment().getProperty(ConsoleUsers.PROPERTY, Object.class), "the secret");
        }
    }

    @Test
    void importsTheUsersFromTheSecretTheTaskNamesWrittenAsAList() {
        secrets.put(Secrets.CONSOLE_USERS, ConsoleUsers.of(List.of(ALICE)).toJson());

        ConsoleUsers users = usersAsTheTaskReadsThem();

        assertThat(secretsAskedFor).containsExactly(Secrets.CONSOLE_USERS);
        assertThat(users.authenticate("alice@example.com", "a-secret")).contains(ALICE);
    }

    @Test
    void importsThemAsWellFromAnObjectHoldingTheList() {
        secrets.put(
                Secrets.CONSOLE_USERS,
                "{\"users\": " + ConsoleUsers.of(List.of(ALICE)).toJson() + "}");

        assertThat(usersAsTheTaskReadsThem().authenticate("alice@example.com", "a-secret"))
                .contains(ALICE);
    }

    @Test
    void theEmptyListTerraformCreatesTheSecretWithIsNoUsers() {
        secrets.put(Secrets.CONSOLE_USERS, "[]");

        assertThat(usersAsTheTaskReadsThem().isEmpty()).isTrue();
    }
}
