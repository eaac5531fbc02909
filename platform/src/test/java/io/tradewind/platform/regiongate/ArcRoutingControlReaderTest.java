package io.tradewind.platform.regiongate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;

/**
 * The reader calls each ARC cluster endpoint signed for that endpoint's region, as AWS requires, whatever region the
 * service runs in. The endpoints here are one fake on loopback that, like ARC, refuses a request signed for another
 * region than its host names; the clients reach the AWS-named hosts through it as their HTTP proxy.
 */
class ArcRoutingControlReaderTest {
    private static final String ARN =
            "arn:aws:route53-recovery-control::111122223333:controlpanel/abc/routingcontrol/x";
    /** The region the service runs in, which names none of the AWS endpoints below. */
    private static final String SERVICE_REGION = "eu-central-1";

    private static final URI US_EAST_1 =
            URI.create("http://host-a.route53-recovery-cluster.us-east-1.amazonaws.com/v1");
    private static final URI US_WEST_2 =
            URI.create("http://host-b.route53-recovery-cluster.us-west-2.amazonaws.com/v1");

    /** One request the fake endpoint received: the host it was for and the region its signature is scoped to. */
    private record Call(String host, String signedRegion, boolean refused) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private HttpServer arc;
    private URI loopback;

    @BeforeEach
    void startFakeEndpoint() throws IOException {
        arc = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        arc.createContext("/", this::answer);
        arc.start();
        loopback = URI.create("http://127.0.0.1:" + arc.getAddress().getPort() + "/v1");
    }

    @AfterEach
    void stopFakeEndpoint() {
        arc.stop(0);
    }

    @Test
    void signsEachEndpointsCallsForTheRegionItsHostNames() {
        List<Route53RecoveryClusterClient> clients =
                throughFakeEndpoint(() -> new AwsClientFactory(settings()).arcCluster(List.of(US_EAST_1, US_WEST_2)));
        try {
            assertThat(clients.get(0).serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
            assertThat(clients.get(1).serviceClientConfiguration().region()).isEqualTo(Region.US_WEST_2);
            for (Route53RecoveryClusterClient alone : clients)
                assertThat(throughFakeEndpoint(() -> new ArcRoutingControlReader(List.of(alone)).isOn(ARN)))
                        .isTrue();
        } finally {
            clients.forEach(Route53RecoveryClusterClient::close);
        }
        assertThat(calls)
                .containsExactly(
                        new Call(US_EAST_1.getHost(), "us-east-1", false),
                        new Call(US_WEST_2.getHost(), "us-west-2", false));
    }

    @Test
    void readsThroughTheFirstEndpointEvenWhenItIsInAnotherRegionThanTheService() {
        List<Route53RecoveryClusterClient> clients =
                throughFakeEndpoint(() -> new AwsClientFactory(settings()).arcCluster(List.of(US_WEST_2, US_EAST_1)));
        try {
            assertThat(throughFakeEndpoint(() -> new ArcRoutingControlReader(clients).isOn(ARN)))
                    .isTrue();
        } finally {
            clients.forEach(Route53RecoveryClusterClient::close);
        }
        // Answered at the first try: no endpoint refused a signature and the reader did not fall back to the next.
        assertThat(calls).containsExactly(new Call(US_WEST_2.getHost(), "us-west-2", false));
    }

    @Test
    void signsAnEndpointWhoseHostNamesNoRegionForTheServicesRegion() {
        List<Route53RecoveryClusterClient> clients = new AwsClientFactory(settings()).arcCluster(List.of(loopback));
        try {
            assertThat(new ArcRoutingControlReader(clients).isOn(ARN)).isTrue();
        } finally {
            clients.forEach(Route53RecoveryClusterClient::close);
        }
        assertThat(calls).containsExactly(new Call(loopback.getAuthority(), SERVICE_REGION, false));
    }

    @Test
    void theFakeEndpointRefusesASignatureForAnotherRegion() {
        // What the reader did before it signed per endpoint: the service's region for every endpoint.
        try (Route53RecoveryClusterClient wrongRegion = throughFakeEndpoint(() -> Route53RecoveryClusterClient.builder()
                .region(Region.of(SERVICE_REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .endpointOverride(US_EAST_1)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(retry -> retry.maxAttempts(1)))
                .build())) {
            ArcRoutingControlReader reader = new ArcRoutingControlReader(List.of(wrongRegion));
            assertThatThrownBy(() -> throughFakeEndpoint(() -> reader.isOn(ARN)))
                    .isInstanceOf(RoutingControlUnavailableException.class);
        }
        assertThat(calls).containsExactly(new Call(US_EAST_1.getHost(), SERVICE_REGION, true));
    }

    /** The sandbox's kind of settings (static credentials) in {@link #SERVICE_REGION}. */
    private AwsSettings settings() {
        return AwsSettings.local(SERVICE_REGION, loopback, loopback);
    }

    /**
     * Runs {@code action} with the fake endpoint as every HTTP client's proxy, so requests for the AWS-named hosts reach
     * it with their own Host header; the JVM's proxy settings are put back afterwards.
     */
    private <T> T throughFakeEndpoint(Supplier<T> action) {
        String host = System.getProperty("http.proxyHost");
        String port = System.getProperty("http.proxyPort");
        System.setProperty("http.proxyHost", "127.0.0.1");
        System.setProperty("http.proxyPort", Integer.toString(arc.getAddress().getPort()));
        try {
            return action.get();
        } finally {
            restore("http.proxyHost", host);
            restore("http.proxyPort", port);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) System.clearProperty(property);
        else System.setProperty(property, value);
    }

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/route53-recovery-cluster/");
    private static final Pattern HOST_REGION = Pattern.compile("\\.route53-recovery-cluster\\.([a-z0-9-]+)\\.");

    /** As an ARC endpoint: the state On, unless the request is signed for another region than the host's. */
    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String host = exchange.getRequestHeaders().getFirst("Host");
        Matcher scope =
                SCOPE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        String signed = scope.find() ? scope.group(1) : "unsigned";
        Matcher named = HOST_REGION.matcher(host);
        String expected = named.find() ? named.group(1) : SERVICE_REGION;
        boolean refused = !expected.equals(signed);
        calls.add(new Call(host, signed, refused));
        String body = refused
                ? "{\"__type\":\"InvalidSignatureException\",\"message\":\"Credential should be scoped to a valid region\"}"
                : "{\"RoutingControlArn\":\"" + ARN + "\",\"RoutingControlState\":\"On\"}";
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        if (refused) exchange.getResponseHeaders().add("x-amzn-ErrorType", "InvalidSignatureException");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(refused ? 403 : 200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
