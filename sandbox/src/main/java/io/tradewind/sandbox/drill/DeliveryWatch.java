package io.tradewind.sandbox.drill;

import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.localaws.mq.EmbeddedBroker;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.wire.Envelope;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.gateway.JmsConnections;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.ActiveMQSslConnectionFactory;

/**
 * Watches every message Tradewind delivers, in both regions, as its receivers see it: status reports are taken off
 * every participant's private status queue ({@code trades.status.<participantId>},
 * {@code settlements.status.<participantId>}, through one wildcard consumer each, which also takes the queues created
 * later) as counterparties and settlement desks take them; instructions and confirmations are watched on their queues'
 * mirror topics, so their real consumers still get them. A message the runbook forwarded from one region's queue to
 * the other's is a move, not a second delivery, and is not counted again. Connections use the failover transport, so
 * the watch survives a broker that is killed and comes back. It logs in as
 * the operator identity, which may read every queue and the mirror topics.
 */
final class DeliveryWatch implements AutoCloseable {
    /** What the trade status reports are filed under: the prefix of every participant's private queue. */
    static final String TRADE_REPORTS = Queues.TRADES_STATUS;
    /** What the settlement status reports are filed under: the prefix of every party's private queue. */
    static final String SETTLEMENT_REPORTS = Queues.SETTLEMENTS_STATUS;

    static final String INSTRUCTIONS = Queues.SETTLEMENTS_INBOUND;
    static final String CONFIRMATIONS = Queues.SETTLEMENTS_CONFIRMATIONS;
    static final List<String> QUEUES = List.of(TRADE_REPORTS, SETTLEMENT_REPORTS, INSTRUCTIONS, CONFIRMATIONS);

    /**
     * One delivery: which queue (for a status report, {@link #TRADE_REPORTS} or {@link #SETTLEMENT_REPORTS}), in which
     * region, when it was sent and when it arrived, and the message.
     */
    record Delivery(String queue, String region, Instant sentAt, Instant at, String messageId, String body) {}

    /** A second (or later) copy of a message on a queue, with the copy sent first. */
    record Repeat(Delivery first, Delivery copy) {}

    private final List<Connection> connections = new ArrayList<>();
    private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());

    /**
     * @param brokers per region, its broker's URL
     * @param operator the operator identity's login, the same on every broker
     * @param truststore what its {@code ssl://} URLs are trusted by (null: over TCP, or the JDK's trust store)
     * @param participants whose trade status queues to read (the counterparties that post)
     * @param parties whose settlement status queues to read (every party an instruction may name)
     */
    DeliveryWatch(
            Map<String, URI> brokers,
            BrokerLogin operator,
            PlatformProperties.Truststore truststore,
            List<String> participants,
            List<String> parties)
            throws JMSException {
        for (Map.Entry<String, URI> broker : brokers.entrySet()) {
            ActiveMQSslConnectionFactory factory = loggedIn(
                    "failover:(" + broker.getValue() + ")?initialReconnectDelay=100&maxReconnectDelay=1000",
                    operator,
                    truststore);
            Connection connection = factory.createConnection();
            connections.add(connection);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            String region = broker.getKey();
            // A consumer of its own on each party's private queue, never one wildcard consumer over them all: the
            // broker answers each acknowledgement on a wildcard subscription by waking every queue it covers, and with
            // a queue per party the watch fell behind the reports. A session each: a session delivers on one thread.
            for (String participant : participants)
                watch(connection, Queues.tradesStatusOf(participant), TRADE_REPORTS, region);
            for (String party : parties)
                watch(connection, Queues.settlementsStatusOf(party), SETTLEMENT_REPORTS, region);
            for (String queue : List.of(INSTRUCTIONS, CONFIRMATIONS))
                session.createConsumer(session.createTopic(EmbeddedBroker.mirrorOf(queue)))
                        .setMessageListener(listener(queue, region));
            connection.start();
        }
    }

    private void watch(Connection connection, String queue, String kind, String region) throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createConsumer(session.createQueue(queue)).setMessageListener(listener(kind, region));
    }

    private MessageListener listener(String queue, String region) {
        return message -> {
            try {
                if (message.getStringProperty("forwardedFrom") != null) return; // moved by the runbook
                String id = message.getStringProperty("messageId");
                Instant now = Instant.now();
                // The producer's send time (kept by the mirror topics): what tells a resend from the original.
                Instant sentAt = message.getJMSTimestamp() > 0 ? Instant.ofEpochMilli(message.getJMSTimestamp()) : now;
                deliveries.add(new Delivery(queue, region, sentAt, now, id, body(message)));
            } catch (JMSException e) {
                throw new IllegalStateException("cannot read a message on " + queue + " in " + region, e);
            }
        };
    }

    private static String body(Message message) throws JMSException {
        return message instanceof TextMessage text ? text.getText() : null;
    }

    /** How many deliveries so far, over every watched queue: stops growing once Tradewind is quiet. */
    int total() {
        return deliveries.size();
    }

    List<Delivery> deliveries(String queue) {
        synchronized (deliveries) {
            return deliveries.stream().filter(d -> d.queue().equals(queue)).toList();
        }
    }

    /**
     * Every copy of a message delivered on a queue after its first (in either region), with the copy that was sent
     * first: the original, even when a killed region's broker only handed it over once it was back.
     */
    List<Repeat> repeats() {
        Map<String, List<Delivery>> byMessage = new LinkedHashMap<>();
        synchronized (deliveries) {
            for (Delivery delivery : deliveries)
                byMessage
                        .computeIfAbsent(delivery.queue() + "|" + delivery.messageId(), k -> new ArrayList<>())
                        .add(delivery);
        }
        List<Repeat> repeats = new ArrayList<>();
        for (List<Delivery> copies : byMessage.values()) {
            if (copies.size() < 2) continue;
            List<Delivery> bySending = copies.stream()
                    .sorted(Comparator.comparing(Delivery::sentAt).thenComparing(Delivery::at))
                    .toList();
            for (Delivery copy : bySending.subList(1, bySending.size()))
                repeats.add(new Repeat(bySending.get(0), copy));
        }
        return repeats;
    }

    /**
     * The journal keys of the trades still waiting on {@code trades.inbound} in a region's broker (a backlog, or what a
     * killed region's broker held), read without taking them.
     */
    static Set<String> waitingTrades(URI broker, BrokerLogin operator, PlatformProperties.Truststore truststore)
            throws JMSException {
        Set<String> keys = new HashSet<>();
        try (Connection connection =
                loggedIn(broker.toString(), operator, truststore).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var messages = session.createBrowser(session.createQueue(Queues.TRADES_INBOUND))
                    .getEnumeration();
            while (messages.hasMoreElements()) {
                Message message = (Message) messages.nextElement();
                String body = body(message);
                if (body != null) Envelope.peek(body).ifPresent(envelope -> keys.add(envelope.journalKey()));
            }
        }
        return keys;
    }

    private static ActiveMQSslConnectionFactory loggedIn(
            String brokerUrl, BrokerLogin login, PlatformProperties.Truststore truststore) {
        ActiveMQSslConnectionFactory factory = new ActiveMQSslConnectionFactory(brokerUrl);
        trust(factory, truststore);
        factory.setUserName(login.user());
        factory.setPassword(login.password());
        return factory;
    }

    @Override
    public void close() {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (JMSException e) {
                // closing while a broker is down: nothing to release
            }
        }
    }

    /** The watcher trusts the sandbox's certificate as the services do (without the services' bounds: it only reads). */
    private static void trust(ActiveMQSslConnectionFactory factory, PlatformProperties.Truststore truststore) {
        if (truststore != null) factory.setKeyAndTrustManagers(null, JmsConnections.trustManagers(truststore), null);
    }
}
