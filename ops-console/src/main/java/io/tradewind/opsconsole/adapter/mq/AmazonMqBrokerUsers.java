package io.tradewind.opsconsole.adapter.mq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradewind.opsconsole.participant.BrokerUsers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The brokers' users through Amazon MQ's REST user API ({@code /v1/brokers/{broker-id}/users/{username}}), each request
 * signed with SigV4 for the service {@code mq}: on AWS, {@code https://mq.<region>.amazonaws.com} and each app's broker
 * in the region; in the sandbox, the region's emulation of the API and its one broker. Amazon MQ applies a change to an
 * ActiveMQ broker at its next reboot; the sandbox applies it at once.
 */
public final class AmazonMqBrokerUsers implements BrokerUsers, AutoCloseable {
    /** The signing name of Amazon MQ. */
    static final String SERVICE = "mq";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_ANSWER_BYTES = 1024 * 1024;

    /**
     * One region's user API and its brokers.
     *
     * @param endpoint {@code https://mq.<region>.amazonaws.com}, or the sandbox's emulation of it
     * @param brokerIds the ids of the region's brokers whose users are kept alike (on AWS each app's broker)
     */
    public record Region(URI endpoint, List<String> brokerIds) {
        public Region {
            if (endpoint == null) throw new IllegalArgumentException("a region's MQ API endpoint is not set");
            if (brokerIds == null || brokerIds.isEmpty())
                throw new IllegalArgumentException("a region's broker ids are not set (endpoint " + endpoint + ")");
            brokerIds = List.copyOf(brokerIds);
        }

        /** Amazon MQ's endpoint in {@code region} with {@code brokerIds}. */
        public static Region onAws(String region, List<String> brokerIds) {
            return new Region(URI.create("https://mq." + region + ".amazonaws.com"), brokerIds);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Region> regions;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param regions per region name, its API and brokers
     * @param credentials what signs the requests
     * @param http the client that sends them; closed with this
     */
    public AmazonMqBrokerUsers(Map<String, Region> regions, AwsCredentialsProvider credentials, SdkHttpClient http) {
        if (regions == null || regions.isEmpty()) throw new IllegalArgumentException("no region's MQ API is set");
        this.regions = Map.copyOf(regions);
        this.credentials = credentials;
        this.http = http;
    }

    /** On AWS: the SDK's default credentials, Amazon MQ's endpoint of each region. */
    public static AmazonMqBrokerUsers onAws(Map<String, List<String>> brokerIdsByRegion) {
        Map<String, Region> regions = new LinkedHashMap<>();
        brokerIdsByRegion.forEach((region, ids) -> regions.put(region, Region.onAws(region, ids)));
        return new AmazonMqBrokerUsers(
                regions, DefaultCredentialsProvider.builder().build(), httpClient());
    }

    /**
     * In the sandbox: its emulated user API in each region, with the static credentials every sandbox client uses (the
     * emulator does not check signatures).
     */
    public static AmazonMqBrokerUsers inSandbox(Map<String, Region> regions) {
        return new AmazonMqBrokerUsers(
                regions, StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), httpClient());
    }

    private static SdkHttpClient httpClient() {
        return ApacheHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(READ_TIMEOUT)
                .build();
    }

    @Override
    public void put(String region, String user, String password, Set<String> groups) {
        if (password == null || password.isEmpty())
            throw new IllegalArgumentException("broker user " + user + " has no password");
        ObjectNode body = json.createObjectNode().put("password", password).put("consoleAccess", false);
        groups.stream().sorted().forEach(body.putArray("groups")::add);
        for (String broker : regionOf(region).brokerIds()) {
            Answer created = call(region, SdkHttpMethod.POST, userPath(broker, user), body);
            if (created.status() == 409) created = call(region, SdkHttpMethod.PUT, userPath(broker, user), body);
            created.orThrow("putting user " + user + " on broker " + broker + " in " + region);
        }
    }

    @Override
    public void remove(String region, String user) {
        for (String broker : regionOf(region).brokerIds()) {
            Answer removed = call(region, SdkHttpMethod.DELETE, userPath(broker, user), null);
            if (removed.status() != 404)
                removed.orThrow("removing user " + user + " from broker " + broker + " in " + region);
        }
    }

    @Override
    public List<String> users(String region) {
        Set<String> users = new TreeSet<>();
        for (String broker : regionOf(region).brokerIds()) {
            String nextToken = null;
            do {
                String path = "/v1/brokers/" + segment(broker) + "/users?maxResults=100"
                        + (nextToken == null ? "" : "&nextToken=" + segment(nextToken));
                JsonNode page = call(region, SdkHttpMethod.GET, path, null)
                        .orThrow("listing the users of broker " + broker + " in " + region);
                for (JsonNode user : page.path("users"))
                    users.add(user.path("username").asText());
                JsonNode next = page.get("nextToken");
                nextToken = next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText();
            } while (nextToken != null);
        }
        return new ArrayList<>(users);
    }

    private Region regionOf(String region) {
        Region found = regions.get(region);
        if (found == null)
            throw new IllegalArgumentException("no MQ user API for region " + region + "; have " + regions.keySet());
        return found;
    }

    private static String userPath(String broker, String user) {
        if (user == null || user.isBlank()) throw new IllegalArgumentException("the broker user name is blank");
        return "/v1/brokers/" + segment(broker) + "/users/" + segment(user);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** What the API answered: its status and JSON body (AWS's {@code message} on an error). */
    private record Answer(int status, JsonNode body) {
        JsonNode orThrow(String what) {
            if (status / 100 == 2) return body;
            throw new IllegalStateException(what + " failed: HTTP " + status + " "
                    + body.path("message").asText(body.path("Message").asText("")));
        }
    }

    private Answer call(String region, SdkHttpMethod method, String pathAndQuery, JsonNode body) {
        URI endpoint = regionOf(region).endpoint();
        URI uri = URI.create(endpoint.toString().replaceAll("/+$", "") + pathAndQuery);
        byte[] payload;
        try {
            payload = body == null ? new byte[0] : json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().uri(uri).method(method);
        if (body != null) request.putHeader("Content-Type", "application/json");
        SignedRequest signed = signer.sign(sign -> sign.identity(credentials.resolveCredentials())
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(payload))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(
                                    body == null ? null : signed.payload().orElse(null))
                            .build())
                    .call();
            byte[] answer = new byte[0];
            if (response.responseBody().isPresent())
                try (InputStream in = response.responseBody().get()) {
                    answer = in.readNBytes(MAX_ANSWER_BYTES);
                }
            JsonNode parsed = answer.length == 0 ? json.createObjectNode() : json.readTree(answer);
            return new Answer(response.httpResponse().statusCode(), parsed == null ? json.createObjectNode() : parsed);
        } catch (IOException e) {
            // The request is never in the message: its body holds a password.
            throw new IllegalStateException(
                    "Amazon MQ's user API at " + endpoint + " did not answer " + method + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "AmazonMqBrokerUsers" + regions;
    }
}
