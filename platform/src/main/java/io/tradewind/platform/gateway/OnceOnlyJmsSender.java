package io.tradewind.platform.gateway;

import io.tradewind.platform.idempotency.SentLog;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends messages to MQ at most once per message id: ids in the sent-log are skipped, the rest are sent persistently in
 * one transaction, and then recorded. A replayed input therefore sends nothing again. The one window left is a crash
 * between the commit and the sent-log write, which repeats that batch once; receivers dedupe by the
 * {@code messageId} property, which every message carries.
 */
public final class OnceOnlyJmsSender implements AutoCloseable {
    public static final String MESSAGE_ID_PROPERTY = "messageId";

    private final ConnectionFactory connectionFactory;
    private final SentLog sentLog;
    private Connection connection;
    private Session session;
    private MessageProducer producer;

    public OnceOnlyJmsSender(ConnectionFactory connectionFactory, SentLog sentLog) {
        this.connectionFactory = connectionFactory;
        this.sentLog = sentLog;
    }

    /** Sends those of {@code messages} not sent before; returns how many it sent. */
    public synchronized int sendAll(List<OutboundMessage> messages) {
        Map<String, OutboundMessage> byId = new LinkedHashMap<>();
        for (OutboundMessage message : messages) byId.putIfAbsent(message.messageId(), message);
        Set<String> sent = sentLog.alreadySent(byId.keySet());
        List<OutboundMessage> toSend = new ArrayList<>();
        for (OutboundMessage message : byId.values()) if (!sent.contains(message.messageId())) toSend.add(message);
        if (toSend.isEmpty()) return 0;
        try {
            Session session = session();
            for (OutboundMessage message : toSend) {
                TextMessage jms = session.createTextMessage(message.body());
                jms.setStringProperty(MESSAGE_ID_PROPERTY, message.messageId());
                for (Map.Entry<String, String> property : message.properties().entrySet())
                    jms.setStringProperty(property.getKey(), property.getValue());
                producer.send(session.createQueue(message.queue()), jms);
            }
            session.commit();
        } catch (JMSException | RuntimeException e) {
            closeQuietly();
            throw new DependencyUnavailableException("mq", "sending " + toSend.size() + " messages failed", e);
        }
        sentLog.recordSent(toSend.stream().map(OutboundMessage::messageId).toList());
        return toSend.size();
    }

    private Session session() throws JMSException {
        if (session == null) {
            connection = connectionFactory.createConnection();
            connection.start();
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
            producer = session.createProducer(null); // one producer for every queue of the batch
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        }
        return session;
    }

    private void closeQuietly() {
        try {
            if (connection != null) connection.close();
        } catch (JMSException ignored) {
            // The connection is being discarded because it failed; the send failure is what we report.
        } finally {
            connection = null;
            session = null;
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
