package io.tradewind.tradegenerator.adapter.jms;

import io.tradewind.model.topology.Queues;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.gateway.JmsLogin;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import io.tradewind.tradegenerator.posting.TradeSink;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Posts trades to a queue ({@code trades.inbound} by default) as persistent UTF-8 JSON text messages, each with the
 * String property {@code messageId}, in a transacted session opened on first use. With {@link SenderLogins}, each
 * sender posts on a connection of its own, logged in as itself (the broker stamps its id on what it sends), and a
 * commit commits every sender's session in turn: a failure between two leaves the first committed, and the generator's
 * resend of the batch gives the gateway duplicates it drops. Any JMS failure closes the connections and surfaces as
 * {@link DependencyUnavailableException}; the next send opens new ones.
 */
public final class JmsTradeSink implements TradeSink {
    public static final String MESSAGE_ID_PROPERTY = "messageId";
    private static final String DEPENDENCY = "broker";

    /** One sender's transacted session (all senders share one when there are no logins). */
    private record Poster(Connection connection, Session session, MessageProducer producer) {}

    /** The key of the one poster when senders do not log in as themselves. */
    private static final String SHARED = "";

    private final ConnectionFactory connectionFactory;
    private final String queue;
    private final SenderLogins logins;
    private final Map<String, Poster> posters = new LinkedHashMap<>();

    /** Posts every trade on connections the factory logs in itself. */
    public JmsTradeSink(ConnectionFactory connectionFactory) {
        this(connectionFactory, Queues.TRADES_INBOUND, null);
    }

    /** Posts each trade logged in as its sender, as {@code logins} give them. */
    public JmsTradeSink(ConnectionFactory connectionFactory, SenderLogins logins) {
        this(connectionFactory, Queues.TRADES_INBOUND, logins);
    }

    public JmsTradeSink(ConnectionFactory connectionFactory, String queue, SenderLogins logins) {
        if (connectionFactory == null) throw new IllegalArgumentException("connectionFactory is null");
        if (queue == null || queue.isBlank()) throw new IllegalArgumentException("queue is blank");
        this.connectionFactory = connectionFactory;
        this.queue = queue;
        this.logins = logins;
    }

    @Override
    public void send(TradeMessage message) {
        String body = WireCodec.encode(message);
        try {
            Poster poster = posterOf(message.senderId());
            TextMessage jms = poster.session().createTextMessage(body);
            jms.setStringProperty(MESSAGE_ID_PROPERTY, message.messageId());
            poster.producer().send(jms);
        } catch (JMSException e) {
            throw unavailable("sending " + message.messageId(), e);
        }
    }

    @Override
    public void commit() {
        if (posters.isEmpty()) throw new DependencyUnavailableException(DEPENDENCY, "no open transaction", null);
        try {
            for (Poster poster : posters.values()) poster.session().commit();
        } catch (JMSException e) {
            throw unavailable("commit", e);
        }
    }

    @Override
    public void close() {
        List<Poster> open = List.copyOf(posters.values());
        posters.clear();
        for (Poster poster : open) {
            try {
                poster.connection().close();
            } catch (JMSException | RuntimeException e) {
                // The connection is already broken; closing it is best effort and uncommitted work is lost anyway.
            }
        }
    }

    private Poster posterOf(String senderId) throws JMSException {
        String key = logins == null ? SHARED : senderId;
        Poster poster = posters.get(key);
        if (poster == null) {
            poster = open(key);
            posters.put(key, poster);
        }
        return poster;
    }

    private Poster open(String key) throws JMSException {
        Connection fresh;
        if (logins == null) {
            fresh = connectionFactory.createConnection();
        } else {
            JmsLogin login = logins.of(key)
                    .orElseThrow(() -> new DependencyUnavailableException(
                            DEPENDENCY, "no broker login for sender " + key + " in " + logins, null));
            fresh = connectionFactory.createConnection(login.username(), login.password());
        }
        try {
            fresh.start();
            Session session = fresh.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            return new Poster(fresh, session, producer);
        } catch (JMSException | RuntimeException e) {
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
