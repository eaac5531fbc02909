package io.tradewind.platform.app.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The actuator behind the platform's HTTP guard, on a real web server: open on loopback, HTTP Basic when bound to every
 * interface (a non-loopback address), and no start at all there without credentials. Requests go to 127.0.0.1 only.
 */
class HttpEndpointSecurityIT {
    @TempDir
    Path dir;

    /** An app with a web server and the actuator, guarded as the matching apps are. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import({HttpEndpointSecurity.class, HealthProbes.class})
    static class GuardedApp {}

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("server.port", 0);
        all.put("spring.main.banner-mode", "off");
        all.put("management.endpoints.web.exposure.include", "health,metrics,prometheus"); // as the apps expose them
        // The platform's optional JDBC starter is on this test's classpath: a pool that never connects, unchecked.
        all.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/none");
        all.put("management.health.db.enabled", false);
        all.put("management.endpoint.health.group.readiness.include", "readinessState");
        // Spring Cloud AWS's DynamoDB starter is on it too: its client (never called here) needs a region.
        all.put("spring.cloud.aws.region.static", "us-east-1");
        all.putAll(properties);
        return new SpringApplicationBuilder(GuardedApp.class)
                .web(WebApplicationType.SERVLET)
                .properties(all)
                .registerShutdownHook(false)
                .run();
    }

    private static int get(ConfigurableApplicationContext app, String path, String credentials) throws Exception {
        String port = app.getEnvironment().getProperty("local.server.port");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (credentials != null)
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        return HttpClient.newHttpClient()
                .send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void boundElsewhereTheActuatorAnswers401WithoutCredentialsAnd200WithThem() throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("http.password"), "a-long-random-secret\n");
        try (ConfigurableApplicationContext app = start(Map.of(
                "server.address", "0.0.0.0",
                "tradewind.http.username", "ops",
                "tradewind.http.password-file", passwordFile.toString()))) {

            assertThat(get(app, "/actuator/health", null)).isEqualTo(401);
            assertThat(get(app, "/actuator/metrics", null)).isEqualTo(401);
            assertThat(get(app, "/actuator/health", "ops:wrong")).isEqualTo(401);
            assertThat(get(app, "/actuator/health", "ops:a-long-random-secret")).isEqualTo(200);
            assertThat(get(app, "/actuator/metrics", "ops:a-long-random-secret"))
                    .isEqualTo(200);
            // A Prometheus scraper logs in like anyone else.
            assertThat(get(app, "/actuator/prometheus", null)).isEqualTo(401);
            assertThat(get(app, "/actuator/prometheus", "ops:a-long-random-secret"))
                    .isEqualTo(200);
        }
    }

    @Test
    void boundElsewhereTheProbesAnswerWithoutALoginAndNothingElseDoes() throws Exception {
        try (ConfigurableApplicationContext app = start(Map.of(
                "server.address", "0.0.0.0",
                "tradewind.http.username", "ops",
                "tradewind.http.password", "a-long-random-secret"))) {

            assertThat(get(app, HealthProbes.LIVENESS_PATH, null)).isEqualTo(200);
            assertThat(get(app, HealthProbes.READINESS_PATH, null)).isEqualTo(200);
            assertThat(get(app, "/actuator/health", null)).isEqualTo(401);
            assertThat(get(app, "/actuator/health/db", null)).isEqualTo(401);
            assertThat(get(app, HealthProbes.LIVENESS_PATH + "/livenessState", null))
                    .isEqualTo(401);
            assertThat(get(app, "/actuator/metrics", null)).isEqualTo(401);
        }
    }

    @Test
    void onLoopbackTheActuatorIsOpen() throws Exception {
        try (ConfigurableApplicationContext app = start(Map.of("server.address", "127.0.0.1"))) {
            assertThat(get(app, "/actuator/health", null)).isEqualTo(200);
            assertThat(get(app, "/actuator/metrics", null)).isEqualTo(200);
            assertThat(get(app, "/actuator/prometheus", null)).isEqualTo(200);
        }
    }

    @Test
    void boundElsewhereWithoutCredentialsItRefusesToStartSayingWhatToSet() {
        assertThatThrownBy(() -> start(Map.of("tradewind.http.username", "ops")).close())
                .rootCause()
                .hasMessageContaining("the HTTP endpoints bind [every interface], not loopback, and need credentials")
                .hasMessageContaining("TRADEWIND_HTTP_PASSWORD");
    }

    @Test
    void aSeparateManagementServerOnAnotherAddressCounts() {
        assertThatThrownBy(() -> start(Map.of(
                                "server.address", "127.0.0.1",
                                "management.server.port", 0,
                                "management.server.address", "0.0.0.0"))
                        .close())
                .rootCause()
                .hasMessageContaining("need credentials");
    }

    @Test
    void neverPrintsThePassword() {
        var access = new HttpEndpointSecurity.HttpAccess(java.util.List.of("0.0.0.0"), "ops", "s3cr3t");
        assertThat(access.toString()).doesNotContain("s3cr3t").contains("password=***");
        assertThat(access.loopbackOnly()).isFalse();
    }
}
