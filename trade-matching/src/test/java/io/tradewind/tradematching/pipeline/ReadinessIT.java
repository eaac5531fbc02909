package io.tradewind.tradematching.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.ServiceProperties;
import io.tradewind.localaws.arc.ArcClusterEndpoint;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.model.wire.WireJson;
import io.tradewind.platform.app.spring.HealthProbes;
import io.tradewind.platform.app.spring.MatchingAppConfiguration;
import io.tradewind.platform.regiongate.RegionGate;
import io.tradewind.tradematching.TradeMatchingApplication;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The probes a container platform reads, on trade matching started as the sandbox starts it: live from the start, and
 * ready only once its region gates have read their routing controls and the stages behind them are taking work. The
 * ARC cluster endpoint it is given answers only after a while, as when a task starts before it can reach ARC.
 */
@ExtendWith(LocalAwsExtension.class)
class ReadinessIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void isOutOfServiceUntilItsGatesHaveReadTheirControlsAndItsStagesTakeWork(LocalAws aws) throws Exception {
        var region = aws.region(LocalAwsConfig.PRIMARY_REGION);
        int arcPort = freePort();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TradeMatchingApplication.class)
                .properties(ServiceProperties.forRegion(aws, region.name(), "trade-matching"))
                .properties(Map.of(
                        "tradewind.arc.endpoints",
                        "http://127.0.0.1:" + arcPort,
                        "tradewind.trade-matching.routing-control-poll-interval",
                        "200ms",
                        "spring.main.web-application-type",
                        "servlet",
                        "server.port",
                        "0",
                        "server.address",
                        "127.0.0.1"))
                .registerShutdownHook(false)
                .run()) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");

            // Several polls of the gates have failed by now: the region cannot tell whether it is active.
            await().pollDelay(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> true);
            assertThat(status(base + HealthProbes.READINESS_PATH)).isEqualTo(new Probe(503, "OUT_OF_SERVICE"));
            assertThat(status(base + HealthProbes.LIVENESS_PATH)).isEqualTo(new Probe(200, "UP"));
            List<RegionGate> gates = app.getBean(MatchingAppConfiguration.AppLifecycle.class)
                    .pipeline()
                    .gates();
            assertThat(gates).isNotEmpty().noneMatch(RegionGate::isOpen);

            try (ArcClusterEndpoint arc = ArcClusterEndpoint.start(aws.arc().cluster(), arcPort)) {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> status(base + HealthProbes.READINESS_PATH).equals(new Probe(200, "UP")));
                // Ready means this region's controls (On) were read and every consumer behind them is taking work.
                assertThat(gates).allMatch(RegionGate::isOpen).allMatch(RegionGate::isReady);
                assertThat(status(base + HealthProbes.LIVENESS_PATH)).isEqualTo(new Probe(200, "UP"));
            }
        }
    }

    private record Probe(int code, String status) {}

    private static Probe status(String url) throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return new Probe(
                response.statusCode(),
                WireJson.mapper().readTree(response.body()).path("status").asText());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
