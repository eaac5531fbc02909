package io.tradewind.tradegenerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.localaws.SandboxCredentials;
import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.localaws.junit.TestLogins;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.localaws.mq.EmbeddedBroker;
import io.tradewind.model.participant.BrokerAccessPolicy;
import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.Role;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.platform.gateway.JmsConnections;
import io.tradewind.tradegenerator.adapter.jms.JmsTradeSink;
import io.tradewind.tradegenerator.adapter.jms.SenderLogins;
import io.tradewind.tradegenerator.adapter.jsonl.JsonLinesOutcomeRecorder;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.broker.TransportConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generator against a real (embedded) ActiveMQ broker over TCP, as it posts in the sandbox. */
class TradeGeneratorIT {
    private static final int PAIRS = 50;
    private static final double RATE = 200;

    private final Path workDir = Path.of("target", "trade-generator-it", Long.toString(System.nanoTime()));
    private BrokerService broker;
    private URI brokerUri;

    @BeforeEach
    void startBroker() throws Exception {
        broker = new BrokerService();
        broker.setBrokerName("trade-generator-it");
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.setUseShutdownHook(false);
        broker.setAdvisorySupport(false);
        broker.setDataDirectoryFile(workDir.resolve("broker").toFile());
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
        ConnectionFactory connections = JmsConnections.activeMq(brokerUri); // this broker authenticates no one
        TradeGenerator generator = TradeGenerator.builder(
                        new TradePairFactory(settings), new JmsTradeSink(connections), RATE)
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
        }
        assertThat(arrived).as("every posted message, exactly once, in order").isEqualTo(posted);
        assertThat(generator.messagesPosted()).isEqualTo(posted.size());
        for (ExpectedOutcome outcome : outcomes) {
            for (PostedTrade side : outcome.postedTrades()) {
                TradeMessage trade = byId.get(side.messageId());
                assertThat(trade.senderId()).isEqualTo(side.senderId());
                assertThat(trade.senderRole()).isEqualTo(side.role());
                assertThat(trade.tradeRef()).isEqualTo(side.tradeRef());
                assertThat(trade.allocations()).hasSize(side.allocationCount());
            }
        }
        // Paced, not burst: the messages take (n - 1) intervals at least.
        assertThat(seconds).isGreaterThanOrEqualTo((posted.size() - 1) / RATE);
    }

    @Test
    void postsEachTradeLoggedInAsItsSender() throws Exception {
        try (EmbeddedBroker authenticating = EmbeddedBroker.start("generator-logins-it", workDir.resolve("auth"), 0)) {
            Properties passwords = new Properties();
            for (String sender : SENDERS) {
                Role role = sender.startsWith("BRK") ? Role.BROKER : Role.INVESTMENT_MANAGER;
                String password = SandboxCredentials.newPassword();
                authenticating.putUser(
                        sender,
                        password,
                        BrokerAccessPolicy.groupsOf(
                                Participant.onboard(new ParticipantId(sender), Set.of(role), Instant.EPOCH)));
                passwords.setProperty(sender, password);
            }
            Path credentials = workDir.resolve("credentials.properties");
            Files.createDirectories(workDir);
            try (var out = Files.newBufferedWriter(credentials)) {
                passwords.store(out, null);
            }
            BrokerLogin reader = TestLogins.unrestricted(authenticating, "generator-it-reader");
            Path outcomesFile = workDir.resolve("outcomes-logins.jsonl");
            TradeGenerator generator = TradeGenerator.builder(
                            new TradePairFactory(GenerationSettings.defaults(12, Clock.systemUTC())),
                            new JmsTradeSink(
                                    JmsConnections.activeMq(authenticating.brokerUri()),
                                    SenderLogins.fromFile(credentials)),
                            RATE)
                    .recorder(new JsonLinesOutcomeRecorder(outcomesFile))
                    .maxPairs(20)
                    .build();
            generator.start();
            assertThat(generator.awaitFinished(Duration.ofSeconds(30))).isTrue();
            assertThat(generator.failure()).isEmpty();

            List<Message> received = drain(QueueProbe.broker(authenticating.brokerUri(), reader));
            List<String> posted = JsonLinesOutcomeRecorder.read(outcomesFile).stream()
                    .flatMap(o -> o.messageIds().stream())
                    .toList();
            assertThat(received).hasSize(posted.size());
            for (Message message : received) {
                TradeMessage trade = ((DecodeResult.Valid<TradeMessage>)
                                new TradeMessageDecoder().decode(((TextMessage) message).getText()))
                        .message();
                assertThat(message.getStringProperty("JMSXUserID"))
                        .as("the user the broker stamped on " + trade.messageId())
                        .isEqualTo(trade.senderId());
            }
        }
    }

    /** The generator's default counterparties. */
    private static final List<String> SENDERS = senders();

    private static List<String> senders() {
        List<String> senders = new ArrayList<>();
        for (int i = 1; i <= 5; i++) senders.add(String.format("BRK%03d", i));
        for (int i = 1; i <= 10; i++) senders.add(String.format("IM%03d", i));
        return senders;
    }

    private static List<Message> drain(ConnectionFactory connections) throws Exception {
        List<Message> received = new ArrayList<>();
        try (Connection connection = connections.createConnection()) {
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
