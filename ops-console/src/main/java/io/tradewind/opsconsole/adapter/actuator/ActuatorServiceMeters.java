package io.tradewind.opsconsole.adapter.actuator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.RoutingControls;
import io.tradewind.opsconsole.flow.ServiceMeters;
import io.tradewind.opsconsole.flow.ServiceReading;
import io.tradewind.platform.metrics.ReplicationMetrics;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.quarantine.Quarantine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the dashboard's numbers from an app's actuator ({@code /actuator/metrics/<meter>?tag=...}), every meter of one
 * read asked at once and the whole read bounded by one timeout: the dashboard's sampler asks every couple of seconds
 * and must never wait long on a region that does not answer. A meter the services have not registered yet (no failure
 * so far, nothing quarantined) reads as 0.
 */
public final class ActuatorServiceMeters implements ServiceMeters {
    /** The region gates' meter (StagePipeline's), tagged {@code kind}. */
    public static final String GATE_OPEN = "tradewind.region.gate.open";

    private final Map<String, Map<String, URI>> actuators;
    private final List<String> stages;
    private final Duration timeout;
    private final String authorization;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param actuators per app, per region, the base URL of its services' HTTP side
     * @param stages the stages whose meters are read, in the order a message passes them
     * @param timeout the bound on one whole read
     * @param username with {@code password}, the actuators' HTTP Basic login beyond loopback; null on loopback
     */
    public ActuatorServiceMeters(
            Map<String, Map<String, URI>> actuators,
            List<String> stages,
            Duration timeout,
            String username,
            String password) {
        this.actuators = Map.copyOf(actuators);
        this.stages = List.copyOf(stages);
        this.timeout = timeout;
        this.authorization = username == null || password == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    @Override
    public ServiceReading read(String app, String region) {
        URI base = actuators.getOrDefault(app, Map.of()).get(region);
        if (base == null) throw new IllegalArgumentException("no actuator configured for " + app + " in " + region);
        App of = App.of(app);
        Map<String, CompletableFuture<Double>> asked = new LinkedHashMap<>();
        for (String stage : stages) {
            String tag = StageMetrics.STAGE_TAG + ":" + of.component(stage);
            asked.put(stage + "/in", meter(base, StageMetrics.RECORDS_IN, tag));
            asked.put(stage + "/lag", meter(base, StageMetrics.LAG, tag));
            asked.put(stage + "/rejected", meter(base, StageMetrics.RECORDS_REJECTED, tag));
            asked.put(stage + "/failed", meter(base, StageMetrics.ATTEMPTS_FAILED, tag));
            asked.put(stage + "/breaker", meter(base, StageMetrics.BREAKER_OPEN, tag));
        }
        asked.put("gate/" + RoutingControls.INBOUND, meter(base, GATE_OPEN, "kind:" + RoutingControls.INBOUND));
        asked.put("gate/" + RoutingControls.PROCESSING, meter(base, GATE_OPEN, "kind:" + RoutingControls.PROCESSING));
        asked.put("tables", meter(base, ReplicationMetrics.LAG, ReplicationMetrics.STORE_TAG + ":dynamodb"));
        asked.put(
                "database",
                meter(base, ReplicationMetrics.LAG, ReplicationMetrics.STORE_TAG + ":postgres", "app:" + app));
        asked.put("quarantined", meter(base, Quarantine.METER));
        try {
            CompletableFuture.allOf(asked.values().toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            asked.values().forEach(f -> f.cancel(true));
            throw new IllegalStateException(
                    app + " in " + region + " did not answer within " + timeout.toMillis() + " ms at " + base);
        } catch (ExecutionException e) {
            asked.values().forEach(f -> f.cancel(true));
            Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
            throw new IllegalStateException(
                    app + " in " + region + " does not answer at " + base + ": " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + app + " in " + region, e);
        }
        Map<String, ServiceReading.StageReading> readings = new LinkedHashMap<>();
        for (String stage : stages)
            readings.put(
                    stage,
                    new ServiceReading.StageReading(
                            value(asked, stage + "/in", 0),
                            value(asked, stage + "/lag", -1),
                            value(asked, stage + "/rejected", 0),
                            value(asked, stage + "/failed", 0),
                            value(asked, stage + "/breaker", 0) > 0));
        return new ServiceReading(
                readings,
                value(asked, "gate/" + RoutingControls.INBOUND, 0) > 0,
                value(asked, "gate/" + RoutingControls.PROCESSING, 0) > 0,
                value(asked, "tables", -1),
                value(asked, "database", -1),
                value(asked, "quarantined", 0));
    }

    private static long value(Map<String, CompletableFuture<Double>> asked, String key, long absent) {
        Double value = asked.get(key).join();
        return value == null ? absent : Math.round(value);
    }

    /** The meter's value summed over the series its tags select, or null when it has none (404). */
    private CompletableFuture<Double> meter(URI base, String name, String... tags) {
        StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
        for (int i = 0; i < tags.length; i++)
            path.append(i == 0 ? '?' : '&').append("tag=").append(URLEncoder.encode(tags[i], StandardCharsets.UTF_8));
        URI uri = URI.create(base.toString().replaceAll("/$", "") + path);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(timeout).GET();
        if (authorization != null) request.header("Authorization", authorization);
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() == 404) return null;
                    if (response.statusCode() != 200)
                        throw new IllegalStateException(uri + " answered " + response.statusCode());
                    try {
                        for (JsonNode measurement :
                                json.readTree(response.body()).path("measurements"))
                            if (List.of("VALUE", "COUNT")
                                    .contains(measurement.path("statistic").asText()))
                                return measurement.path("value").asDouble();
                        return null;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }
}
