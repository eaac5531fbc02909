package io.tradewind.localaws.junit;

import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.model.participant.Role;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.activemq.ActiveMQConnectionFactory;

/**
 * Listens on a queue the way a counterparty would and remembers every message by its {@code messageId} property, so a
 * test can assert exact counts and spot duplicates. The queue may be an ActiveMQ wildcard ({@code trades.status.>}
 * listens on every participant's private status queue, those created later included); each message remembers the
 * queue it came from. Also posts messages, as a counterparty posts trades.
 */
public final class QueueProbe implements AutoCloseable {
    /** The JMS property carrying a message's stable id (set by Tradewind's outbound side). */
    public static final String MESSAGE_ID_PROPERTY = "messageId";

    private final Connection connection;
    private final Map<String, Integer> timesById = new ConcurrentHashMap<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());

    /** A message as it arrived: the queue it was taken from, its id, body and string properties. */
    public record Received(String queue, String messageId, String body, Map<String, String> properties) {}

    public QueueProbe(ConnectionFactory broker, String queue) throws JMSException {
        connection = broker.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createConsumer(session.createQueue(queue)).setMessageListener(message -> {
            try {
                String id = message.getStringProperty(MESSAGE_ID_PROPERTY);
                Map<String, String> properties = new java.util.HashMap<>();
                for (var names = message.getPropertyNames(); names.hasMoreElements(); ) {
                    String name = (String) names.nextElement();
                    properties.put(name, String.valueOf(message.getObjectProperty(name)));
                }
                String body = message instanceof TextMessage text ? text.getText() : null;
                String from = message.getJMSDestination() instanceof Queue delivered ? delivered.getQueueName() : null;
                received.add(new Received(from, id, body, properties));
                timesById.merge(String.valueOf(id), 1, Integer::sum);
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        connection.start();
    }

    /** Listens on {@code queue} of the broker at {@code brokerUri}, logged in as {@code login}. */
    public static QueueProbe on(java.net.URI brokerUri, String queue, BrokerLogin login) throws JMSException {
        return new QueueProbe(broker(brokerUri, login), queue);
    }

    /** Connections to the broker at {@code brokerUri} logged in as {@code login}: the brokers refuse anonymous ones. */
    public static ActiveMQConnectionFactory broker(java.net.URI brokerUri, BrokerLogin login) {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(brokerUri);
        factory.setUserName(login.user());
        factory.setPassword(login.password());
        return factory;
    }

    /**
     * On {@code region}'s broker as its clients reach it (over {@code ssl://}, trusting it, when it serves TLS), logged
     * in as {@code login}.
     */
    public static QueueProbe on(io.tradewind.localaws.EmulatedRegion region, String queue, BrokerLogin login)
            throws JMSException {
        ActiveMQConnectionFactory factory = (ActiveMQConnectionFactory) region.brokerConnectionFactory();
        factory.setUserName(login.user());
        factory.setPassword(login.password());
        return new QueueProbe(factory, queue);
    }

    public int total() {
        return received.size();
    }

    public int distinct() {
        return timesById.size();
    }

    public Set<String> ids() {
        return Set.copyOf(timesById.keySet());
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Ids that arrived more than once. */
    public List<String> duplicated() {
        return timesById.entrySet().stream()
                .filter(entry -> entry.getValue() > 1)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Posts text messages to a queue in one transaction. */
    public static void post(ConnectionFactory broker, String queue, List<String> bodies) throws JMSException {
        try (Connection connection = broker.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            var producer = session.createProducer(session.createQueue(queue));
            for (String body : bodies) producer.send(session.createTextMessage(body));
            session.commit();
        }
    }

    private static final java.util.regex.Pattern SENDER_ID =
            java.util.regex.Pattern.compile("\"senderId\"\\s*:\\s*\"([^\"]+)\"");
    private static final java.util.regex.Pattern SENDER_ROLE =
            java.util.regex.Pattern.compile("\"senderRole\"\\s*:\\s*\"([^\"]+)\"");

    /** Who posts a body that names no sender (it does not parse): a participant of the queue's role. */
    public static final String UNNAMED_SENDER = "ANON001";

    /**
     * Posts bodies as their senders would: each run of consecutive bodies from one {@code senderId} in a transaction of
     * its own, logged in as that participant, in order. Each sender is onboarded on every region's broker of {@code
     * aws} in the roles its bodies claim ({@code senderRole}), or the queue's role when they claim none it has; a body
     * that names no sender (it does not parse) is posted as {@link #UNNAMED_SENDER}.
     */
    public static void postAsSenders(LocalAws aws, java.net.URI brokerUri, String queue, List<String> bodies)
            throws JMSException {
        Map<String, Set<Role>> roles = new java.util.LinkedHashMap<>();
        List<String> senders = new ArrayList<>();
        for (String body : bodies) {
            java.util.regex.Matcher id = SENDER_ID.matcher(body);
            String sender = id.find() ? id.group(1) : UNNAMED_SENDER;
            senders.add(sender);
            Set<Role> claimed = roles.computeIfAbsent(sender, s -> java.util.EnumSet.noneOf(Role.class));
            java.util.regex.Matcher role = SENDER_ROLE.matcher(body);
            if (role.find())
                java.util.Arrays.stream(Role.values())
                        .filter(r -> r.name().equals(role.group(1)))
                        .forEach(claimed::add);
        }
        Role ofQueue = java.util.Arrays.stream(Role.values())
                .filter(r -> r.inboundQueue().equals(queue))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no participant role posts to " + queue));
        Map<String, BrokerLogin> logins = new java.util.HashMap<>();
        roles.forEach((sender, claimed) ->
                logins.put(sender, aws.onboard(sender, claimed.isEmpty() ? Set.of(ofQueue) : claimed)));
        int from = 0;
        while (from < bodies.size()) {
            int to = from + 1;
            while (to < bodies.size() && senders.get(to).equals(senders.get(from))) to++;
            post(broker(brokerUri, logins.get(senders.get(from))), queue, bodies.subList(from, to));
            from = to;
        }
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
