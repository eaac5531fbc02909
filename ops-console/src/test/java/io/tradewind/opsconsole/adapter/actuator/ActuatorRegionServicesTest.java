package io.tradewind.opsconsole.adapter.actuator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runbook reads actuators that ask for HTTP Basic (bound beyond loopback) with the services' credentials. */
class ActuatorRegionServicesTest {
    private static final String EXPECTED =
            "Basic " + Base64.getEncoder().encodeToString("ops:secret".getBytes(StandardCharsets.UTF_8));

    private HttpServer server;
    private Map<String, Map<String, URI>> actuators;

    @BeforeEach
    void startAGuardedActuator() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/actuator/health", exchange -> {
            boolean allowed = EXPECTED.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (allowed ? "{\"status\":\"UP\"}" : "").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(allowed ? 200 : 401, allowed ? body.length : -1);
            if (allowed) exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        actuators = Map.of("trade-matching", Map.of("us-east-1", base));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void withTheCredentialsTheServiceIsSeenHealthy() {
        assertThat(new ActuatorRegionServices(actuators, "ops", "secret").healthy("trade-matching", "us-east-1"))
                .isTrue();
    }

    @Test
    void withoutThemOrWithWrongOnesTheRefusalIsNamed() {
        assertThatThrownBy(() -> new ActuatorRegionServices(actuators).healthy("trade-matching", "us-east-1"))
                .hasMessageContaining("answered 401");
        assertThatThrownBy(() ->
                        new ActuatorRegionServices(actuators, "ops", "wrong").healthy("trade-matching", "us-east-1"))
                .hasMessageContaining("answered 401");
    }
}
