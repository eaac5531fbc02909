package io.tradewind.opsconsole.adapter.actuator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Stages;
import io.tradewind.opsconsole.runbook.RegionServices;
import io.tradewind.platform.metrics.ReplicationMetrics;
import io.tradewind.platform.metrics.StageMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads an app's services through their Spring Boot actuator ({@code /actuator/health} and
 * {@code /actuator/metrics}): the meters each stage publishes ({@code tradewind.stage.*}), its region gates
 * ({@code tradewind.region.gate.open}) and the replication lag it sees ({@code tradewind.replication.lag.millis}).
 */
public final class ActuatorRegionServices implements RegionServices {
    private final Map<String, Map<String, URI>> actuators;
    // HTTP/1.1: the actuator serves nothing else, and an h2c upgrade attempt only adds a way to fail.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ObjectMapper json = new ObjectMapper();
    private final String authorization;

    /** @param actuators per app, per region, the base URL of its services' HTTP side */
    public ActuatorRegionServices(Map<String, Map<String, URI>> actuators) {
        this(actuators, null, null);
    }

    /**
     * @param actuators per app, per region, the base URL of its services' HTTP side
     * @param username with {@code password}, the HTTP Basic credentials of actuators bound beyond loopback (the
     *     services' {@code tradewind.http.*}); null for actuators on loopback, which are open
     */
    public ActuatorRegionServices(Map<String, Map<String, URI>> actuators, String username, String password) {
        this.actuators = Map.copyOf(actuators);
        this.authorization = username == null || password == null
                ? null
                : "Basic "
                        + Base64.getEncoder()
                                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean healthy(String app, String region) {
        JsonNode health = get(app, region, "/actuator/health", true);
        return health != null && "UP".equals(health.path("status").asText());
    }

    @Override
    public OptionalLong stageLagMillis(String app, String region) {
        long max = -1;
        // The stream stages' lag says whether an app has caught up (the gateway reads MQ, not a stream).
        for (String stage : Stages.STREAM_CONSUMERS) {
            OptionalLong lag = meter(
                    app,
                    region,
                    StageMetrics.LAG,
                    StageMetrics.STAGE_TAG,
                    App.of(app).component(stage));
            if (lag.isPresent()) max = Math.max(max, lag.getAsLong());
        }
        return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
    }

    @Override
    public long recordsIn(String app, String region) {
        return meter(app, region, StageMetrics.RECORDS_IN, null, null).orElse(0);
    }

    @Override
    public long ingested(String app, String region) {
        return meter(
                        app,
                        region,
                        StageMetrics.RECORDS_IN,
                        StageMetrics.STAGE_TAG,
                        App.of(app).component(Stages.INGESTION))
                .orElse(0);
    }

    @Override
    public boolean gateOpen(String app, String region, String kind) {
        return meter(app, region, "tradewind.region.gate.open", "kind", kind).orElse(0) > 0;
    }

    @Override
    public long replicationLagMillis(String app, String region, String store) {
        return meter(app, region, ReplicationMetrics.LAG, ReplicationMetrics.STORE_TAG, store)
                .orElseThrow(() -> new IllegalStateException(
                        app + " in " + region + " publishes no replication lag for " + store));
    }

    /** A meter's value summed over its series (the sum is 0 only when every series is), or empty when none exists. */
    private OptionalLong meter(String app, String region, String name, String tagKey, String tagValue) {
        String path = "/actuator/metrics/" + name
                + (tagKey == null ? "" : "?tag=" + URLEncoder.encode(tagKey + ":" + tagValue, StandardCharsets.UTF_8));
        JsonNode meter = get(app, region, path, false);
        if (meter == null) return OptionalLong.empty();
        for (JsonNode measurement : meter.path("measurements"))
            if (List.of("VALUE", "COUNT").contains(measurement.path("statistic").asText()))
                return OptionalLong.of(Math.round(measurement.path("value").asDouble()));
        return OptionalLong.empty();
    }

    /** Sends once more when a kept-alive connection turns out closed by the server (not when the server is slow). */
    private HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
        // Generous: a region under full load, or just started, answers slowly but answers.
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) builder.header("Authorization", authorization);
        HttpRequest request = builder.build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw e;
        } catch (IOException e) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The JSON at {@code path}; null for a 404 (no such meter) or, when {@code anyStatus}, any other answer. */
    private JsonNode get(String app, String region, String path, boolean anyStatus) {
        URI base = actuators.getOrDefault(app, Map.of()).get(region);
        if (base == null) throw new IllegalArgumentException("no actuator configured for " + app + " in " + region);
        URI uri = URI.create(base.toString().replaceAll("/$", "") + path);
        try {
            HttpResponse<String> response = send(uri);
            if (response.statusCode() == 200 || anyStatus && response.statusCode() == 503)
                return json.readTree(response.body());
            if (response.statusCode() == 404) return null;
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        } catch (IOException e) {
            throw new ServiceUnreachableException(
                    app + " in " + region + " does not answer at " + uri + " (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnreachableException("interrupted reading " + uri, e);
        }
    }
}
