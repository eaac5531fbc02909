package io.tradewind.localaws.mq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.localaws.SandboxCredentials;
import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.model.participant.BrokerAccessPolicy;
import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.Role;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.values.ParticipantId;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker enforces {@link BrokerAccessPolicy} as Amazon MQ's broker configuration does: only its users
 * connect, each writes and reads only what its groups may, and every message names the user that sent it.
 */
class BrokerAuthorizationIT {
    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private BrokerLogin brk001;
    private BrokerLogin im042;
    private BrokerLogin desk;
    private BrokerLogin tradeMatching;
    private BrokerLogin settlementMatching;
    private BrokerLogin operator;

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedBroker.start("authorization-it", dataDir, 0);
        brk001 = participant("BRK001", Role.BROKER);
        im042 = participant("IM042", Role.INVESTMENT_MANAGER);
        desk = participant("SD001", Role.SETTLEMENT_DESK);
        tradeMatching = service(ServiceIdentity.TRADE_MATCHING);
        settlementMatching = service(ServiceIdentity.SETTLEMENT_MATCHING);
        operator = service(ServiceIdentity.OPERATOR);
    }

    @AfterEach
    void stop() throws Exception {
        broker.close();
    }

    private BrokerLogin participant(String id, Role role) {
        BrokerLogin login = new BrokerLogin(id, SandboxCredentials.newPassword());
        Participant participant = Participant.onboard(new ParticipantId(id), Set.of(role), Instant.EPOCH);
        broker.putUser(id, login.password(), BrokerAccessPolicy.groupsOf(participant));
        return login;
    }

    private BrokerLogin service(ServiceIdentity service) {
        BrokerLogin login = new BrokerLogin(service.user(), SandboxCredentials.newPassword());
        broker.putUser(service.user(), login.password(), BrokerAccessPolicy.groupsOf(service));
        return login;
    }

    private Connection connect(BrokerLogin login) throws JMSException {
        Connection connection = QueueProbe.broker(broker.brokerUri(), login).createConnection();
        connection.start();
        return connection;
    }

    private static void send(Connection connection, String queue, String body) throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(queue));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT); // a synchronous send: a refusal is thrown here
        producer.send(session.createTextMessage(body));
    }

    private static Message receive(Connection connection, String queue) throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            return consumer.receive(5_000);
        }
    }

    @Test
    void refusesAConnectionWithoutUserOrWithAWrongPassword() {
        assertThatThrownBy(() -> new ActiveMQConnectionFactory(broker.brokerUri())
                        .createConnection()
                        .start())
                .isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> connect(new BrokerLogin("BRK001", "not-the-password-at-all")))
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aBrokerWritesTradesButNotSettlementInstructions() throws Exception {
        try (Connection connection = connect(brk001)) {
            send(connection, Queues.TRADES_INBOUND, "a trade");
            assertThatThrownBy(() -> send(connection, Queues.SETTLEMENTS_INBOUND, "an instruction"))
                    .isInstanceOf(JMSSecurityException.class);
        }
        try (Connection connection = connect(desk)) {
            send(connection, Queues.SETTLEMENTS_INBOUND, "an instruction");
        }
    }

    @Test
    void aParticipantReadsItsOwnStatusQueueAndNoOneElses() throws Exception {
        try (Connection service = connect(tradeMatching)) {
            send(service, Queues.tradesStatusOf("BRK001"), "for BRK001");
        }
        try (Connection other = connect(im042)) {
            assertThatThrownBy(() -> receive(other, Queues.tradesStatusOf("BRK001")))
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> send(other, Queues.tradesStatusOf("BRK001"), "forged report"))
                    .isInstanceOf(JMSSecurityException.class);
        }
        try (Connection own = connect(brk001)) {
            Message report = receive(own, Queues.tradesStatusOf("BRK001"));
            assertThat(report).isNotNull();
            assertThat(report.getStringProperty("JMSXUserID")).isEqualTo(ServiceIdentity.TRADE_MATCHING.user());
        }
    }

    @Test
    void onlySettlementMatchingConfirmsSettlements() throws Exception {
        try (Connection participant = connect(desk)) {
            assertThatThrownBy(() -> send(participant, Queues.SETTLEMENTS_CONFIRMATIONS, "settled, trust me"))
                    .isInstanceOf(JMSSecurityException.class);
        }
        try (Connection other = connect(tradeMatching)) {
            assertThatThrownBy(() -> send(other, Queues.SETTLEMENTS_CONFIRMATIONS, "settled"))
                    .isInstanceOf(JMSSecurityException.class);
        }
        try (Connection service = connect(settlementMatching)) {
            send(service, Queues.SETTLEMENTS_CONFIRMATIONS, "settled");
        }
        try (Connection reader = connect(tradeMatching)) {
            Message confirmation = receive(reader, Queues.SETTLEMENTS_CONFIRMATIONS);
            assertThat(confirmation.getStringProperty("JMSXUserID"))
                    .isEqualTo(ServiceIdentity.SETTLEMENT_MATCHING.user());
        }
    }

    @Test
    void stampsTheAuthenticatedUserOverTheOneTheSenderClaims() throws Exception {
        try (Connection connection = connect(brk001)) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue(Queues.TRADES_INBOUND));
            Message forged = session.createTextMessage("a trade claiming to be IM042's");
            forged.setStringProperty("JMSXUserID", "IM042");
            producer.send(forged);
        }
        try (Connection service = connect(tradeMatching)) {
            Message received = receive(service, Queues.TRADES_INBOUND);
            assertThat(received.getStringProperty("JMSXUserID")).isEqualTo("BRK001");
        }
    }

    @Test
    void theOperatorWatchesAQueueThroughItsMirrorAndBrowsesItWithoutWritingStatus() throws Exception {
        try (Connection watcher = connect(operator)) {
            Session session = watcher.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // A watcher may come before the first report: it creates the status queue it reads.
            session.createConsumer(session.createQueue(Queues.tradesStatusOf("IM042")))
                    .close();
            MessageConsumer mirror =
                    session.createConsumer(session.createTopic(EmbeddedBroker.mirrorOf(Queues.SETTLEMENTS_INBOUND)));
            try (Connection sender = connect(tradeMatching)) {
                send(sender, Queues.SETTLEMENTS_INBOUND, "an instruction");
            }
            Message copy = mirror.receive(5_000);
            assertThat(copy).isNotNull();
            assertThat(copy.getStringProperty("JMSXUserID")).isEqualTo(ServiceIdentity.TRADE_MATCHING.user());
            var browsed = session.createBrowser(session.createQueue(Queues.SETTLEMENTS_INBOUND))
                    .getEnumeration();
            assertThat(browsed.hasMoreElements()).isTrue();
            assertThatThrownBy(() -> send(watcher, Queues.tradesStatusOf("BRK001"), "a report"))
                    .isInstanceOf(JMSSecurityException.class);
        }
        try (Connection participant = connect(brk001)) {
            assertThatThrownBy(() -> participant
                            .createSession(false, Session.AUTO_ACKNOWLEDGE)
                            .createConsumer(participant
                                    .createSession(false, Session.AUTO_ACKNOWLEDGE)
                                    .createTopic(EmbeddedBroker.mirrorOf(Queues.TRADES_INBOUND))))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void usersChangeWhileTheBrokerRunsAndSurviveARestart() throws Exception {
        BrokerLogin late = participant("BRK009", Role.BROKER);
        try (Connection connection = connect(late)) {
            send(connection, Queues.TRADES_INBOUND, "a trade");
        }
        broker.close();
        broker.restart();
        try (Connection connection = connect(late)) {
            send(connection, Queues.TRADES_INBOUND, "a trade after the restart");
        }
        broker.removeUser("BRK009");
        assertThatThrownBy(() -> connect(late)).isInstanceOf(JMSSecurityException.class);
        broker.putUser(
                "BRK009",
                "a-new-password-for-it",
                BrokerAccessPolicy.groupsOf(
                        Participant.onboard(new ParticipantId("BRK009"), Set.of(Role.BROKER), Instant.EPOCH)));
        assertThatThrownBy(() -> connect(late)).isInstanceOf(JMSSecurityException.class);
        try (Connection connection = connect(new BrokerLogin("BRK009", "a-new-password-for-it"))) {
            send(connection, Queues.TRADES_INBOUND, "with its new password");
        }
    }
}
