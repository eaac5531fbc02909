package io.tradewind.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.localaws.junit.TestLogins;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.localaws.mq.EmbeddedBroker;
import io.tradewind.platform.faults.FreezableProxy;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that stops answering without closing anything (a hung process, a network that drops packets): what our
 * connection factory makes fails in bounded time rather than waiting forever. The bounds are shortened through the
 * broker URI, which is also how a deployment overrides them.
 */
class HungBrokerIT {
    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private JmsLogin login;
    private FreezableProxy proxy;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start("hung-broker-it", dataDir, 0);
        BrokerLogin user = TestLogins.unrestricted(broker, "hung-broker-it");
        login = new JmsLogin(user.user(), user.password());
        proxy = new FreezableProxy(broker.brokerUri().getPort());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        broker.close();
    }

    private URI throughProxy(String options) {
        return URI.create("tcp://127.0.0.1:" + proxy.port() + "?" + options);
    }

    @Test
    void aSendToABrokerThatStoppedAnsweringFailsWithinTheRequestTimeout() {
        RecordingSentLog sentLog = new RecordingSentLog();
        try (OnceOnlyJmsSender sender = new OnceOnlyJmsSender(
                JmsConnections.activeMq(throughProxy("jms.requestTimeout=1000&jms.closeTimeout=500"), login),
                sentLog)) {
            assertThat(sender.sendAll(messages("m1"))).isOne();
            proxy.freeze();

            long startNanos = System.nanoTime();
            assertThatThrownBy(() -> sender.sendAll(messages("m2")))
                    .isInstanceOf(DependencyUnavailableException.class)
                    .hasMessageContaining("mq");
            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isLessThan(Duration.ofSeconds(5));
            assertThat(sentLog.ids()).containsExactly("m1");
        }
    }

    @Test
    void aConsumerOfABrokerThatStoppedAnsweringLosesItsConnectionWithinTheInactivityTimeout() throws Exception {
        CompletableFuture<JMSException> failure = new CompletableFuture<>();
        try (Connection connection = JmsConnections.activeMq(
                        throughProxy(
                                "wireFormat.maxInactivityDuration=1000&wireFormat.maxInactivityDurationInitalDelay=1000"
                                        + "&jms.closeTimeout=500"),
                        login)
                .createConnection()) {
            connection.setExceptionListener(failure::complete);
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            var consumer = session.createConsumer(session.createQueue("hung.inbound"));
            assertThat(consumer.receive(100)).isNull();
            proxy.freeze();

            assertThat(failure.get(5, TimeUnit.SECONDS)).isNotNull();
            assertThatThrownBy(() -> consumer.receive(100)).isInstanceOf(JMSException.class);
        }
    }

    private static List<OutboundMessage> messages(String... ids) {
        return List.of(ids).stream()
                .map(id -> new OutboundMessage("hung.outbound", id, "body of " + id))
                .toList();
    }
}
