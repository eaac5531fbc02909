package io.tradewind.platform.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.localaws.mq.BrokerTls;
import io.tradewind.localaws.mq.EmbeddedBroker;
import io.tradewind.model.participant.BrokerAccessPolicy;
import io.tradewind.platform.config.PlatformProperties;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's broker connections over TLS: trusting the configured truststore, with every bound they have over TCP. */
class BrokerTlsIT {
    @TempDir
    static Path dir;

    static BrokerTls tls;
    static EmbeddedBroker broker;
    static PlatformProperties.Truststore truststore;

    @BeforeAll
    static void start() throws Exception {
        tls = BrokerTls.generate(dir.resolve("tls"));
        broker = EmbeddedBroker.start("platform-tls", dir.resolve("activemq"), 0, tls, 0);
        truststore = new PlatformProperties.Truststore(tls.truststore(), null, tls.passwordFile(), "PKCS12");
        // The broker admits only its users; the probe's queues are outside the wire contract, so they are granted.
        broker.putUser(LOGIN.username(), LOGIN.password(), Set.of(LOGIN.username(), BrokerAccessPolicy.AUTHENTICATED));
        broker.grant(new BrokerAccessPolicy.AccessRule(
                "tls.>", false, Set.of(LOGIN.username()), Set.of(LOGIN.username()), Set.of(LOGIN.username())));
    }

    private static final JmsLogin LOGIN = new JmsLogin("tls-probe", "probe-password-1");

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) broker.close();
    }

    @Test
    void sendsAndReceivesOverSslTrustingTheTruststore() throws Exception {
        assertRoundTrip(JmsConnections.activeMq(broker.sslUri().orElseThrow(), LOGIN, truststore), "ssl");
    }

    @Test
    void aFailoverListOfSslBrokersTrustsItToo() throws Exception {
        URI failover = URI.create("failover:(" + broker.sslUri().orElseThrow() + ")?maxReconnectAttempts=2");
        assertRoundTrip(JmsConnections.activeMq(failover, LOGIN, truststore), "failover");
    }

    @Test
    void plainTcpStillWorksWithATruststoreSet() throws Exception {
        assertRoundTrip(JmsConnections.activeMq(broker.brokerUri(), LOGIN, truststore), "tcp");
    }

    @Test
    void withoutTheTruststoreTheSelfSignedBrokerIsRefused() {
        // The JDK's default trust store, as on AWS: it trusts Amazon MQ's authority, not the sandbox's own certificate.
        ConnectionFactory untrusting = JmsConnections.activeMq(broker.sslUri().orElseThrow(), LOGIN);
        assertThatThrownBy(() -> {
                    try (Connection connection = untrusting.createConnection()) {
                        connection.start();
                    }
                })
                .isInstanceOf(JMSException.class);
    }

    @Test
    void keepsEveryBoundOnTheSslUrl() {
        var factory = (org.apache.activemq.ActiveMQConnectionFactory)
                JmsConnections.activeMq(broker.sslUri().orElseThrow(), LOGIN, truststore);
        assertThat(factory.getBrokerURL())
                .contains("connectionTimeout=5000")
                .contains("soWriteTimeout=10000")
                .contains("wireFormat.maxInactivityDuration=10000");
        // The jms.* options are taken off the URL into the factory.
        assertThat(factory.getConnectResponseTimeout()).isEqualTo(10_000);
        assertThat(factory.getCloseTimeout()).isEqualTo(5_000);
        assertThat(factory.getRedeliveryPolicy().getMaximumRedeliveries()).isEqualTo(-1);
    }

    private static void assertRoundTrip(ConnectionFactory factory, String queue) throws Exception {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            var destination = session.createQueue("tls." + queue);
            session.createProducer(destination).send(session.createTextMessage("hello " + queue));
            session.commit();
            TextMessage received =
                    (TextMessage) session.createConsumer(destination).receive(5_000);
            session.commit();
            assertThat(received).isNotNull();
            assertThat(received.getText()).isEqualTo("hello " + queue);
        }
    }
}
