package io.tradewind.tradegenerator.adapter.jms;

import io.tradewind.model.topology.Queues;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import io.tradewind.tradegenerator.posting.TradeSink;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * Posts trades to a queue ({@code trades.inbound} by default) as persistent UTF-8 JSON text messages, each with the
 * String property {@code messageId}, in a transacted session opened on first use. Any JMS failure closes the
 * connection and surfaces as {@link DependencyUnavailableException}; the next send opens a new one.
 */
public final class JmsTradeSink implements TradeSink {
    public static final String MESSAGE_ID_PROPERTY = "messageId";
    private static final String DEPENDENCY = "broker";

    private final ConnectionFactory connectionFactory;
    private final String queue;
    private Connection connection;
    private Session session;
    private MessageProducer producer;

    public JmsTradeSink(ConnectionFactory connectionFactory) {
        this(connectionFactory, Queues.TRADES_INBOUND);
    }

    public JmsTradeSink(ConnectionFactory connectionFactory, String queue) {
        if (connectionFactory == null) throw new IllegalArgumentException("connectionFactory is null");
        if (queue == null || queue.isBlank()) throw new IllegalArgumentException("queue is blank");
        this.connectionFactory = connectionFactory;
        this.queue = queue;
    }

    @Override
    public void send(TradeMessage message) {
        String body = WireCodec.encode(message);
        try {
            open();
            TextMessage jms = session.createTextMessage(body);
            jms.setStringProperty(MESSAGE_ID_PROPERTY, message.messageId());
            producer.send(jms);
        } catch (JMSException e) {
            throw unavailable("sending " + message.messageId(), e);
        }
    }

    @Override
    public void commit() {
        if (session == null) throw new DependencyUnavailableException(DEPENDENCY, "no open transaction", null);
        try {
            session.commit();
        } catch (JMSException e) {
            throw unavailable("commit", e);
        }
    }

    @Override
    public void close() {
        Connection open = connection;
        connection = null;
        session = null;
        producer = null;
        if (open != null) {
            try {
                open.close();
            } catch (JMSException | RuntimeException e) {
                // The connection is already broken; closing it is best effort and uncommitted work is lost anyway.
            }
        }
    }

    private void open() throws JMSException {
        if (connection != null) return;
        Connection fresh = connectionFactory.createConnection();
        try {
            fresh.start();
            session = fresh.createSession(true, Session.SESSION_TRANSACTED);
            producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            connection = fresh;
        } catch (JMSException | RuntimeException e) {
            session = null;
            producer = null;
            try {
                fresh.close();
            } catch (JMSException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private DependencyUnavailableException unavailable(String what, JMSException e) {
        close();
        return new DependencyUnavailableException(DEPENDENCY, what + " on " + queue + " failed: " + e.getMessage(), e);
    }
}
