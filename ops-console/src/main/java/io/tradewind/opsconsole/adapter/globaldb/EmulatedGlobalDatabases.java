package io.tradewind.opsconsole.adapter.globaldb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewind.opsconsole.runbook.GlobalDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The sandbox's emulated Aurora global databases, through the control endpoint local AWS serves (what {@code aws rds
 * describe-global-clusters}, {@code switchover-global-cluster} and {@code failover-global-cluster} do on AWS). Each
 * app has its own global database, named after the app.
 */
public final class EmulatedGlobalDatabases implements GlobalDatabases {
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ObjectMapper json = new ObjectMapper();

    public EmulatedGlobalDatabases(URI endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public String writer(String app) {
        return describe(app).path("writer").asText();
    }

    /** The endpoint says {@code moving} while a switchover or failover it runs has not returned. */
    @Override
    public WriterState writerState(String app) {
        JsonNode database = describe(app);
        return new WriterState(
                database.path("writer").asText(), database.path("moving").asBoolean(false));
    }

    @Override
    public long lagMillis(String app) {
        return describe(app).path("lagMillis").asLong();
    }

    private JsonNode describe(String app) {
        for (JsonNode database : call("GET", "/global-databases", Duration.ofSeconds(5)))
            if (app.equals(database.path("cluster").asText())) return database;
        throw new IllegalStateException("no global database for " + app + " at " + endpoint);
    }

    @Override
    public void switchover(String app, String target, Duration timeout) {
        call(
                "POST",
                "/global-databases/" + app + "/switchover?target=" + encode(target) + "&timeoutMillis="
                        + timeout.toMillis(),
                timeout.plusSeconds(5));
    }

    @Override
    public FailoverLoss failover(String app, String target) {
        JsonNode result =
                call("POST", "/global-databases/" + app + "/failover?target=" + encode(target), Duration.ofSeconds(30));
        return new FailoverLoss(
                result.path("lostChanges").asLong(), result.path("lostMillis").asLong());
    }

    private JsonNode call(String method, String path, Duration timeout) {
        URI uri = URI.create(endpoint.toString().replaceAll("/$", "") + path);
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(timeout)
                            .method(method, HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
            if (response.statusCode() != 200)
                throw new IllegalStateException(
                        body.path("error").asText("answered " + response.statusCode() + ": " + response.body()));
            return body;
        } catch (IOException e) {
            throw new IllegalStateException("the global database endpoint " + endpoint + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling " + uri, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
