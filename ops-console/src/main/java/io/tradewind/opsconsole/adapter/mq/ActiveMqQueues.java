package io.tradewind.opsconsole.adapter.mq;

import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.opsconsole.runbook.Queues;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.gateway.JmsConnections;
import io.tradewind.platform.gateway.JmsInboundGateway;
import io.tradewind.platform.gateway.JmsLogin;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The regions' ActiveMQ brokers: depth by browsing, forwarding by moving messages in batches, each batch committed on
 * the target broker before it is committed (removed) on the source. Bodies and application properties are kept; the
 * JMS message id is the target broker's own, as the inbound gateways key on the body's messageId. A single message
 * is sent in a transaction of its own, committed before the send returns.
 */
public final class ActiveMqQueues implements Queues {
    /** The property a forwarded message carries: the region it was moved from. */
    public static final String FORWARDED_FROM_PROPERTY = "forwardedFrom";
    /** See {@link JmsInboundGateway#FORWARDED_FOR_PROPERTY}. */
    public static final String FORWARDED_FOR_PROPERTY = JmsInboundGateway.FORWARDED_FOR_PROPERTY;

    private static final int BATCH = 100;
    private static final long RECEIVE_TIMEOUT_MILLIS = 200;
    private static final long MAX_FORWARD_NANOS = 1_000_000_000L;

    private final Map<String, ConnectionFactory> brokers;

    /**
     * @param brokers per region, its broker
     * @param login the operator identity's login, the same on every broker
     * @param truststore what their {@code ssl://} URLs are trusted by (null: the JDK's trust store)
     */
    public ActiveMqQueues(Map<String, URI> brokers, JmsLogin login, PlatformProperties.Truststore truststore) {
        this.brokers = brokers.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, e -> JmsConnections.activeMq(e.getValue(), login, truststore)));
    }

    @Override
    public long depth(String region, String queue) {
        try (Connection connection = broker(region).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = session.createBrowser(session.createQueue(queue));
            Enumeration<?> messages = browser.getEnumeration();
            return Collections.list(messages).size();
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse " + queue + " in " + region + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int forward(String from, String to, String queue) {
        int moved = 0;
        try (Connection source = broker(from).createConnection();
                Connection target = broker(to).createConnection()) {
            source.start();
            Session take = source.createSession(true, Session.SESSION_TRANSACTED);
            Session put = target.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = take.createConsumer(take.createQueue(queue));
            MessageProducer producer = put.createProducer(put.createQueue(queue));
            // Counterparties may still be posting to the source: move what is there now, for a bounded time.
            long deadline = System.nanoTime() + MAX_FORWARD_NANOS;
            while (true) {
                int batch = 0;
                Message message;
                while (batch < BATCH && (message = consumer.receive(RECEIVE_TIMEOUT_MILLIS)) != null) {
                    producer.send(copy(message, put, from));
                    batch++;
                }
                if (batch == 0) return moved;
                put.commit(); // durable in the target first: a failure now leaves a copy in both, never in neither
                take.commit();
                moved += batch;
                if (System.nanoTime() > deadline) return moved;
            }
        } catch (JMSException e) {
            throw new IllegalStateException(
                    "forwarding " + queue + " from " + from + " to " + to + " stopped after " + moved + " messages: "
                            + e.getMessage(),
                    e);
        }
    }

    @Override
    public String sendText(String region, String queue, String body) {
        return send(region, queue, session -> session.createTextMessage(body));
    }

    @Override
    public String sendBytes(String region, String queue, byte[] body) {
        return send(region, queue, session -> {
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(body);
            return message;
        });
    }

    private interface MessageOf {
        Message create(Session session) throws JMSException;
    }

    private String send(String region, String queue, MessageOf body) {
        try (Connection connection = broker(region).createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Message message = body.create(session);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(message);
            session.commit();
            return message.getJMSMessageID();
        } catch (JMSException e) {
            throw new IllegalStateException("cannot send to " + queue + " in " + region + ": " + e.getMessage(), e);
        }
    }

    private static Message copy(Message original, Session session, String from) throws JMSException {
        Message copy;
        if (original instanceof TextMessage text) {
            copy = session.createTextMessage(text.getText());
        } else if (original instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            BytesMessage copied = session.createBytesMessage();
            copied.writeBytes(body);
            copy = copied;
        } else {
            throw new JMSException("cannot forward a " + original.getClass().getSimpleName() + ": text or bytes only");
        }
        for (Enumeration<?> names = original.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            if (name.startsWith("JMSX")) continue; // the broker's own (delivery count, group sequence)
            if (name.equals(FORWARDED_FOR_PROPERTY)) continue; // set below, never from what a sender claimed
            copy.setObjectProperty(name, original.getObjectProperty(name));
        }
        // Marks a move, so whoever watches deliveries does not count the same message on two brokers as two.
        copy.setStringProperty(FORWARDED_FROM_PROPERTY, from);
        // The first sender, as the source broker authenticated it; a copy moved twice keeps its first sender (the
        // source stamped the console on it). Whatever a participant put in the property itself is overwritten.
        String sender = original.getStringProperty(JmsInboundGateway.JMSX_USER_ID);
        String firstSender = ServiceIdentity.OPERATOR.user().equals(sender)
                ? original.getStringProperty(FORWARDED_FOR_PROPERTY)
                : sender;
        if (firstSender != null) copy.setStringProperty(FORWARDED_FOR_PROPERTY, firstSender);
        copy.setJMSCorrelationID(original.getJMSCorrelationID());
        copy.setJMSType(original.getJMSType());
        return copy;
    }

    private ConnectionFactory broker(String region) {
        ConnectionFactory broker = brokers.get(region);
        if (broker == null) throw new IllegalArgumentException("no broker configured for " + region);
        return broker;
    }
}
