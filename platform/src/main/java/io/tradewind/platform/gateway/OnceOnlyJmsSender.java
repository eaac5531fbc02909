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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends messages to MQ at most once per message id: ids in the sent-log are skipped, the rest are sent persistently in
 * one transaction, and then recorded. A replayed input therefore sends nothing again. The one window left is a crash
 * between the commit and the sent-log write, which repeats that batch once; receivers dedupe by the
 * {@code messageId} property, which every message carries.
 *
 * <p>A send that fails, for instance because the connection was closed under it (as {@code
 * ActiveRegionConnectionFactory} closes the old region's connections on a rotation), records nothing, drops the
 * connection and fails the call, so the batch is retried and the retry connects afresh, to the new region.
 *
 * <p>A commit whose recording fails (the sent-log's store is down) fails the call too, and the ids it committed are
 * remembered: every later call records them before it sends anything, so the batch's retries, however many an outage
 * takes, send none of them again. They are at most one batch, since nothing is sent while they wait.
 */
public final class OnceOnlyJmsSender implements AutoCloseable {
    /** What every message it sends holds, as a MIME type. */
    static final String JSON_CONTENT_TYPE = "application/json;charset=utf-8";

    public static final String MESSAGE_ID_PROPERTY = "messageId";

    private final ConnectionFactory connectionFactory;
    private final SentLog sentLog;
    /** Committed to MQ, not yet in the sent-log. */
    private final Set<String> committedNotRecorded = new LinkedHashSet<>();

    private Connection connection;
    private Session session;
    private MessageProducer producer;

    public OnceOnlyJmsSender(ConnectionFactory connectionFactory, SentLog sentLog) {
        this.connectionFactory = connectionFactory;
        this.sentLog = sentLog;
    }

    /**
     * Sends those of {@code messages} not sent before; returns how many of them this call sent, or recorded as sent
     * by an earlier call whose recording failed.
     */
    public synchronized int sendAll(List<OutboundMessage> messages) {
        Map<String, OutboundMessage> byId = new LinkedHashMap<>();
        for (OutboundMessage message : messages) byId.putIfAbsent(message.messageId(), message);
        int recordedNow =
                (int) recordCommitted().stream().filter(byId::containsKey).count();
        Set<String> sent = sentLog.alreadySent(byId.keySet());
        List<OutboundMessage> toSend = new ArrayList<>();
        for (OutboundMessage message : byId.values()) if (!sent.contains(message.messageId())) toSend.add(message);
        if (toSend.isEmpty()) return recordedNow;
        try {
            Session session = session();
            for (OutboundMessage message : toSend) {
                TextMessage jms = session.createTextMessage(message.body());
                jms.setStringProperty(MESSAGE_ID_PROPERTY, message.messageId());
                // ActiveMQ hands a property to a STOMP subscriber as a header of that name: the frame says it is JSON.
                jms.setStringProperty(InboundBody.STOMP_CONTENT_TYPE, JSON_CONTENT_TYPE);
                producer.send(session.createQueue(message.queue()), jms);
            }
            session.commit();
            confirmCommitted(session);
        } catch (JMSException | RuntimeException e) {
            closeQuietly();
            throw new DependencyUnavailableException("mq", "sending " + toSend.size() + " messages failed", e);
        }
        toSend.forEach(message -> committedNotRecorded.add(message.messageId()));
        recordCommitted();
        return recordedNow + toSend.size();
    }

    /**
     * Records what was committed and not yet recorded; throws, leaving them remembered, while the sent-log cannot take
     * them (its own guard has retried by then).
     *
     * @return the ids it recorded
     */
    private List<String> recordCommitted() {
        if (committedNotRecorded.isEmpty()) return List.of();
        List<String> ids = List.copyOf(committedNotRecorded);
        sentLog.recordSent(ids);
        committedNotRecorded.clear();
        return ids;
    }

    /**
     * A close from another thread rolls the open transaction back before it marks the session closed, and ActiveMQ's
     * commit of a transaction rolled back that way returns quietly, having sent nothing. ActiveMQ holds the session's
     * lock throughout such a close, so taking that lock after the commit waits for it to finish: a session found closed
     * then may not have committed, and the batch fails (a repeat is deduped by receivers, a loss would not be).
     */
    private static void confirmCommitted(Session session) throws JMSException {
        synchronized (session) {
            session.getTransacted(); // throws IllegalStateException once the session is closed
        }
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
