package io.tradewind.localaws.mq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.participant.BrokerAccessPolicy;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTlsIT {
    @TempDir
    static Path dir;

    static BrokerTls tls;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        tls = BrokerTls.generate(dir.resolve("tls"));
        broker = EmbeddedBroker.start("tls-test", dir.resolve("activemq"), 0, tls, 0);
        // The broker admits only its users; the probe's queue is outside the wire contract, so it is granted here.
        broker.putUser(PROBE, PROBE_PASSWORD, Set.of(PROBE, BrokerAccessPolicy.AUTHENTICATED));
        broker.grant(
                new BrokerAccessPolicy.AccessRule(PROBE_QUEUE, false, Set.of(PROBE), Set.of(PROBE), Set.of(PROBE)));
    }

    private static final String PROBE = "tls-probe";
    private static final String PROBE_PASSWORD = "probe-password-1";
    private static final String PROBE_QUEUE = "tls.probe";

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) broker.close();
    }

    @Test
    void servesSslBesideTcpAndPointsClientsAtIt() {
        assertThat(broker.brokerUri().getScheme()).isEqualTo("tcp");
        assertThat(broker.sslUri()).hasValueSatisfying(ssl -> {
            assertThat(ssl.getScheme()).isEqualTo("ssl");
            assertThat(ssl.getHost()).isEqualTo("127.0.0.1");
            assertThat(ssl.getPort()).isNotEqualTo(broker.brokerUri().getPort());
        });
        assertThat(broker.clientUri()).isEqualTo(broker.sslUri().orElseThrow());
    }

    @Test
    void aClientTrustingTheTruststoreSendsAndReceivesOverSsl() throws Exception {
        try (Connection connection = broker.connectionFactory().createConnection(PROBE, PROBE_PASSWORD)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var queue = session.createQueue(PROBE_QUEUE);
            session.createProducer(queue).send(session.createTextMessage("over TLS"));
            TextMessage received = (TextMessage) session.createConsumer(queue).receive(5_000);
            assertThat(received).isNotNull();
            assertThat(received.getText()).isEqualTo("over TLS");
        }
    }

    @Test
    void aClientTrustingOnlyTheJdksAuthoritiesIsRefused() {
        // The JDK's default trust knows public authorities (Amazon MQ's), not the sandbox's self-signed certificate.
        var factory = new ActiveMQConnectionFactory(broker.sslUri().orElseThrow() + "?connectionTimeout=3000");
        assertThatThrownBy(() -> {
                    try (Connection connection = factory.createConnection()) {
                        connection.start();
                    }
                })
                .isInstanceOf(JMSException.class);
    }

    @Test
    void restartKeepsTheSslConnector() throws Exception {
        var ssl = broker.sslUri().orElseThrow();
        broker.close();
        broker.restart();
        assertThat(broker.sslUri()).contains(ssl);
        try (Connection connection = broker.connectionFactory().createConnection(PROBE, PROBE_PASSWORD)) {
            connection.start();
        }
    }

    @Test
    void thePasswordIsRandomOwnerOnlyAndNeverPrinted() throws Exception {
        assertThat(tls.password()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(BrokerTls.generate(dir.resolve("other")).password()).isNotEqualTo(tls.password());
        assertThat(Files.readString(tls.passwordFile())).isEqualTo(tls.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.passwordFile())))
                .isEqualTo("rw-------");
        assertThat(tls.toString()).doesNotContain(tls.password()).contains("password=***");
        assertThat(tls.trustManagers()).isNotEmpty();
    }
}
