package io.tradewind.localaws.mq;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.participant.BrokerAccessPolicy;
import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.Role;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.values.ParticipantId;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.activemq.transport.stomp.StompConnection;
import org.apache.activemq.transport.stomp.StompFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's AMQP 1.0 and STOMP connectors, and their TLS twins, admit the same users with the same rights as
 * OpenWire, and the broker stamps the authenticated user on what they send (ActiveMQ's own STOMP test client here; the
 * sandbox's tests drive real Node clients of both protocols).
 */
class BrokerProtocolsIT {
    @TempDir
    static Path dir;

    static BrokerTls tls;
    static EmbeddedBroker broker;
    static final String BRK001_PASSWORD = "brk001-password-for-the-test";
    static final String SERVICE_PASSWORD = "trade-matching-password-for-the-test";

    /** What an AMQP 1.0 client sends first to negotiate SASL, and a server that speaks it answers in kind. */
    private static final byte[] AMQP_SASL_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};

    @BeforeAll
    static void start() throws Exception {
        tls = BrokerTls.generate(dir.resolve("tls"));
        broker = EmbeddedBroker.start("protocols-it", dir.resolve("activemq"), EmbeddedBroker.Ports.ephemeral(), tls);
        broker.putUser(
                "BRK001",
                BRK001_PASSWORD,
                BrokerAccessPolicy.groupsOf(
                        Participant.onboard(new ParticipantId("BRK001"), Set.of(Role.BROKER), Instant.EPOCH)));
        broker.putUser(
                ServiceIdentity.TRADE_MATCHING.user(),
                SERVICE_PASSWORD,
                BrokerAccessPolicy.groupsOf(ServiceIdentity.TRADE_MATCHING));
    }

    @AfterAll
    static void stop() throws Exception {
        if (broker != null) broker.close();
    }

    private static StompConnection stomp(Socket socket) {
        StompConnection connection = new StompConnection();
        connection.open(socket);
        return connection;
    }

    /** CONNECTED, or ERROR with the broker's reason (ActiveMQ's client reads the answer itself). */
    private static String connect(StompConnection connection, String user, String password) {
        HashMap<String, String> headers = new HashMap<>();
        headers.put("accept-version", "1.2");
        headers.put("host", "localhost");
        if (user != null) {
            headers.put("login", user);
            headers.put("passcode", password);
        }
        try {
            connection.connect(headers);
            return "CONNECTED";
        } catch (Exception refused) {
            return "ERROR " + refused.getMessage();
        }
    }

    private static Message takeInbound() throws Exception {
        try (Connection connection =
                broker.connectionFactory().createConnection(ServiceIdentity.TRADE_MATCHING.user(), SERVICE_PASSWORD)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            return session.createConsumer(session.createQueue(Queues.TRADES_INBOUND))
                    .receive(5_000);
        }
    }

    @Test
    void servesAmqpAndStompBesideOpenWireAndTheirTlsTwins() {
        assertThat(broker.amqpUri().getScheme()).isEqualTo("amqp");
        assertThat(broker.stompUri().getScheme()).isEqualTo("stomp");
        assertThat(broker.amqpSslUri())
                .hasValueSatisfying(uri -> assertThat(uri.getScheme()).isEqualTo("amqp+ssl"));
        assertThat(broker.stompSslUri())
                .hasValueSatisfying(uri -> assertThat(uri.getScheme()).isEqualTo("stomp+ssl"));
        assertThat(Set.of(
                        broker.brokerUri().getPort(),
                        broker.sslUri().orElseThrow().getPort(),
                        broker.amqpUri().getPort(),
                        broker.amqpSslUri().orElseThrow().getPort(),
                        broker.stompUri().getPort(),
                        broker.stompSslUri().orElseThrow().getPort()))
                .as("six connectors, six ports")
                .hasSize(6);
    }

    @Test
    void stompRefusesAConnectionWithoutUserOrWithAWrongPassword() throws Exception {
        URI uri = broker.stompUri();
        for (String password : new String[] {null, "not-the-password-at-all"}) {
            StompConnection connection = stomp(new Socket(uri.getHost(), uri.getPort()));
            try {
                assertThat(connect(connection, password == null ? null : "BRK001", password))
                        .as("password " + password)
                        .startsWith("ERROR")
                        .contains("password is invalid");
            } finally {
                connection.close();
            }
        }
    }

    @Test
    void stompSendsAreStampedWithTheAuthenticatedUserOverTheOneTheFrameClaims() throws Exception {
        URI uri = broker.stompUri();
        StompConnection connection = stomp(new Socket(uri.getHost(), uri.getPort()));
        try {
            assertThat(connect(connection, "BRK001", BRK001_PASSWORD)).isEqualTo("CONNECTED");
            HashMap<String, String> headers = new HashMap<>();
            headers.put("JMSXUserID", "IM042");
            headers.put("content-length", "9");
            headers.put("receipt", "sent");
            connection.send("/queue/" + Queues.TRADES_INBOUND, "{\"v\":\"1\"}", null, headers);
            assertThat(connection.receive(5_000).getAction()).isEqualTo("RECEIPT");
        } finally {
            connection.close();
        }
        Message received = takeInbound();
        assertThat(received).isInstanceOf(BytesMessage.class);
        assertThat(received.getStringProperty("JMSXUserID")).isEqualTo("BRK001");
    }

    @Test
    void stompIsRefusedWhatItsUserMayNotDo() throws Exception {
        URI uri = broker.stompUri();
        StompConnection connection = stomp(new Socket(uri.getHost(), uri.getPort()));
        try {
            connect(connection, "BRK001", BRK001_PASSWORD);
            HashMap<String, String> headers = new HashMap<>();
            headers.put("receipt", "refused");
            connection.send("/queue/" + Queues.SETTLEMENTS_INBOUND, "an instruction", null, headers);
            StompFrame answer = connection.receive(5_000);
            assertThat(answer.getAction()).isEqualTo("ERROR");
            assertThat(answer.getHeaders().get("message")).contains("not authorized");
        } finally {
            connection.close();
        }
    }

    @Test
    void stompOverTlsServesTheBrokersCertificateAndLogsIn() throws Exception {
        URI uri = broker.stompSslUri().orElseThrow();
        StompConnection connection = stomp(tlsSocket(uri));
        try {
            assertThat(connect(connection, "BRK001", BRK001_PASSWORD)).isEqualTo("CONNECTED");
            connection.send("/queue/" + Queues.TRADES_INBOUND, "{\"over\":\"tls\"}");
        } finally {
            connection.close();
        }
        Message received = takeInbound();
        assertThat(((TextMessage) received).getText()).isEqualTo("{\"over\":\"tls\"}");
        assertThat(received.getStringProperty("JMSXUserID")).isEqualTo("BRK001");
    }

    @Test
    void amqpAndAmqpOverTlsAnswerAnAmqpClientsFirstBytes() throws Exception {
        URI plain = broker.amqpUri();
        assertThat(exchangeAmqpHeader(new Socket(plain.getHost(), plain.getPort())))
                .isEqualTo(AMQP_SASL_HEADER);
        assertThat(exchangeAmqpHeader(tlsSocket(broker.amqpSslUri().orElseThrow())))
                .isEqualTo(AMQP_SASL_HEADER);
    }

    private static byte[] exchangeAmqpHeader(Socket socket) throws Exception {
        try (socket) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(AMQP_SASL_HEADER);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return in.readNBytes(AMQP_SASL_HEADER.length);
        }
    }

    /** A TLS socket trusting the broker's certificate alone; the handshake fails unless the connector serves it. */
    private static Socket tlsSocket(URI uri) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tls.trustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(uri.getHost(), uri.getPort());
        socket.startHandshake();
        return socket;
    }

    @Test
    void restartKeepsEveryConnectorOnItsPort() throws Exception {
        URI amqp = broker.amqpUri();
        URI stompSsl = broker.stompSslUri().orElseThrow();
        broker.close();
        broker.restart();
        assertThat(broker.amqpUri()).isEqualTo(amqp);
        assertThat(exchangeAmqpHeader(new Socket(amqp.getHost(), amqp.getPort())))
                .isEqualTo(AMQP_SASL_HEADER);
        StompConnection connection = stomp(tlsSocket(stompSsl));
        try {
            assertThat(connect(connection, "BRK001", BRK001_PASSWORD)).isEqualTo("CONNECTED");
        } finally {
            connection.close();
        }
    }
}
