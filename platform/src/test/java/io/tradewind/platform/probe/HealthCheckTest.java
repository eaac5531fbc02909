package io.tradewind.platform.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The container's health check against a real HTTP server on this machine: exit 0 for 200, 1 otherwise, 2 misused. */
class HealthCheckTest {
    private HttpServer server;
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);

    @BeforeEach
    void startAService() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(HealthCheck.pathOf(HealthCheck.LIVENESS), exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext(HealthCheck.pathOf(HealthCheck.READINESS), exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Map<String, String> port() {
        return Map.of("SERVER_PORT", String.valueOf(server.getAddress().getPort()));
    }

    @Test
    void exitsZeroWhenTheGroupIsUpAndOneWhenItIsNot() {
        assertThat(HealthCheck.run(new String[] {HealthCheck.LIVENESS}, port(), err))
                .isZero();
        assertThat(HealthCheck.run(new String[] {HealthCheck.READINESS}, port(), err))
                .isEqualTo(1);
        assertThat(HealthCheck.run(new String[0], port(), err))
                .as("readiness by default")
                .isEqualTo(1);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("/actuator/health/readiness answered 503");
    }

    @Test
    void exitsOneWhenNothingAnswers() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(HealthCheck.run(new String[] {HealthCheck.LIVENESS}, Map.of("SERVER_PORT", "" + closed), err))
                .isEqualTo(1);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("did not answer");
    }

    @Test
    void exitsTwoForAGroupItDoesNotKnowOrAPortThatIsNotOne() {
        assertThat(HealthCheck.run(new String[] {"metrics"}, port(), err)).isEqualTo(2);
        assertThat(HealthCheck.run(new String[] {HealthCheck.LIVENESS}, Map.of("SERVER_PORT", "80; rm"), err))
                .isEqualTo(2);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("usage:").contains("SERVER_PORT 80; rm");
    }

    @Test
    void itsCommandRunsThisClassOnTheImagesClasspath() {
        assertThat(HealthCheck.command(HealthCheck.READINESS))
                .startsWith("java")
                .containsSubsequence("-cp", HealthCheck.IMAGE_CLASSPATH, HealthCheck.class.getName(), "readiness");
    }
}
