package io.tradewind.tradegenerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.topology.Queues;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.platform.gateway.JmsConnections;
import io.tradewind.tradegenerator.adapter.jms.JmsTradeSink;
import io.tradewind.tradegenerator.adapter.jms.SenderCredentials;
import io.tradewind.tradegenerator.adapter.jsonl.JsonLinesOutcomeRecorder;
import io.tradewind.tradegenerator.domain.Counterparties;
import io.tradewind.tradegenerator.domain.ExpectedOutcome;
import io.tradewind.tradegenerator.domain.GenerationSettings;
import io.tradewind.tradegenerator.domain.PostedTrade;
import io.tradewind.tradegenerator.domain.TradePairFactory;
import io.tradewind.tradegenerator.posting.TradeGenerator;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.apache.activemq.security.AuthenticationUser;
import org.apache.activemq.security.SimpleAuthenticationPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generator against a real (embedded) ActiveMQ broker over TCP that authenticates every connection and stamps each
 * message with the user that sent it, as the brokers do once participants are who they say they are.
 */
class TradeGeneratorIT {
    private static final int PAIRS = 50;
    private static final double RATE = 200;
    private static final String READER = "reader";

    private final Path workDir = Path.of("target", "trade-generator-it", Long.toString(System.nanoTime()));
    private BrokerService broker;
    private URI brokerUri;
    private Path credentialsFile;

    @BeforeEach
    void startBroker() throws Exception {
        broker = new BrokerService();
        broker.setBrokerName("trade-generator-it");
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.setUseShutdownHook(false);
        broker.setAdvisorySupport(false);
        broker.setDataDirectoryFile(workDir.resolve("broker").toFile());
        // Every default counterparty and the test's reader, each with a password of its own; anyone else is refused.
        List<AuthenticationUser> users = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (String sender : Counterparties.defaults().senders()) {
            users.add(new AuthenticationUser(sender, "pw-" + sender, "participants"));
            lines.append(sender).append("=pw-").append(sender).append('\n');
        }
        users.add(new AuthenticationUser(READER, "pw-" + READER, "readers"));
        SimpleAuthenticationPlugin authentication = new SimpleAuthenticationPlugin(users);
        authentication.setAnonymousAccessAllowed(false);
        broker.setPlugins(new BrokerPlugin[] {authentication});
        broker.setPopulateJMSXUserID(true);
        Files.createDirectories(workDir);
        credentialsFile = Files.writeString(workDir.resolve("credentials.properties"), lines);
        TransportConnector connector = broker.addConnector("tcp://127.0.0.1:0");
        broker.start();
        broker.waitUntilStarted();
        brokerUri = URI.create("tcp://127.0.0.1:" + connector.getConnectUri().getPort());
    }

    @AfterEach
    void stopBroker() throws Exception {
        broker.stop();
        broker.waitUntilStopped();
    }

    @Test
    void postsEveryMessageOnceAtTheRateAndRecordsOneOutcomePerPair() throws Exception {
        Path outcomesFile = workDir.resolve("outcomes.jsonl");
        GenerationSettings settings = GenerationSettings.defaults(11, Clock.systemUTC());
        ConnectionFactory connections = JmsConnections.activeMq(brokerUri);
        TradeGenerator generator = TradeGenerator.builder(
                        new TradePairFactory(settings),
                        new JmsTradeSink(connections, SenderCredentials.from(credentialsFile, Map.of())),
                        RATE)
                .recorder(new JsonLinesOutcomeRecorder(outcomesFile))
                .maxPairs(PAIRS)
                .build();

        long startNanos = System.nanoTime();
        generator.start();
        assertThat(generator.awaitFinished(Duration.ofSeconds(30))).isTrue();
        double seconds = (System.nanoTime() - startNanos) / 1e9;

        assertThat(generator.failure()).isEmpty();
        List<Message> received = drain(connections);
        List<ExpectedOutcome> outcomes = JsonLinesOutcomeRecorder.read(outcomesFile);

        assertThat(Files.readAllLines(outcomesFile)).hasSize(PAIRS);
        assertThat(outcomes).extracting(ExpectedOutcome::pairId).doesNotHaveDuplicates();
        List<String> posted =
                outcomes.stream().flatMap(o -> o.messageIds().stream()).toList();
        List<String> arrived = new ArrayList<>();
        Map<String, TradeMessage> byId = new HashMap<>();
        Map<String, String> userOf = new HashMap<>();
        TradeMessageDecoder decoder = new TradeMessageDecoder();
        for (Message message : received) {
            String messageId = message.getStringProperty(JmsTradeSink.MESSAGE_ID_PROPERTY);
            arrived.add(messageId);
            assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
            DecodeResult<TradeMessage> decoded = decoder.decode(((TextMessage) message).getText());
            assertThat(decoded).isInstanceOf(DecodeResult.Valid.class);
            TradeMessage trade = ((DecodeResult.Valid<TradeMessage>) decoded).message();
            assertThat(trade.messageId()).isEqualTo(messageId);
            byId.put(messageId, trade);
            userOf.put(messageId, message.getStringProperty("JMSXUserID"));
        }
        // Each sender posts on a connection of its own: its messages keep their order, but not against another's.
        assertThat(arrived).as("every posted message, exactly once").containsExactlyInAnyOrderElementsOf(posted);
        Map<String, List<String>> postedBySender = new HashMap<>();
        for (ExpectedOutcome outcome : outcomes)
            for (PostedTrade side : outcome.postedTrades())
                postedBySender
                        .computeIfAbsent(side.senderId(), k -> new ArrayList<>())
                        .add(side.messageId());
        postedBySender.forEach((sender, ids) -> assertThat(
                        arrived.stream().filter(ids::contains).toList())
                .as("%s's messages in the order posted", sender)
                .isEqualTo(ids));
        assertThat(generator.messagesPosted()).isEqualTo(posted.size());
        for (ExpectedOutcome outcome : outcomes) {
            for (PostedTrade side : outcome.postedTrades()) {
                TradeMessage trade = byId.get(side.messageId());
                assertThat(trade.senderId()).isEqualTo(side.senderId());
                assertThat(userOf.get(side.messageId()))
                        .as("the broker authenticated the sender of %s as itself", side.messageId())
                        .isEqualTo(side.senderId());
                assertThat(trade.senderRole()).isEqualTo(side.role());
                assertThat(trade.tradeRef()).isEqualTo(side.tradeRef());
                assertThat(trade.allocations()).hasSize(side.allocationCount());
            }
        }
        // Paced, not burst: the messages take (n - 1) intervals at least.
        assertThat(seconds).isGreaterThanOrEqualTo((posted.size() - 1) / RATE);
    }

    @Test
    void stopsNamingTheSenderWhoseCredentialsTheBrokerRefuses() throws Exception {
        Path wrong = Files.writeString(
                workDir.resolve("wrong.properties"),
                Files.readString(credentialsFile).replace("BRK001=pw-BRK001", "BRK001=not-its-password"));
        TradeGenerator generator = TradeGenerator.builder(
                        new TradePairFactory(GenerationSettings.defaults(11, Clock.systemUTC())),
                        new JmsTradeSink(JmsConnections.activeMq(brokerUri), SenderCredentials.from(wrong, Map.of())),
                        RATE)
                .recorder(new JsonLinesOutcomeRecorder(workDir.resolve("wrong-outcomes.jsonl")))
                .build();

        generator.start();
        assertThat(generator.awaitFinished(Duration.ofSeconds(30))).isTrue();
        generator.close();

        assertThat(generator.failure()).hasValueSatisfying(failure -> assertThat(failure)
                .hasMessageContaining("the broker refused sender BRK001's credentials"));
    }

    private static List<Message> drain(ConnectionFactory connections) throws Exception {
        List<Message> received = new ArrayList<>();
        try (Connection connection = connections.createConnection(READER, "pw-" + READER)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(Queues.TRADES_INBOUND));
            for (Message message = consumer.receive(5_000); message != null; message = consumer.receive(1_000)) {
                received.add(message);
            }
        }
        return received;
    }
}
