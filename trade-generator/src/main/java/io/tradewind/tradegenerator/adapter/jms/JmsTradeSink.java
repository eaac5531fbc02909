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
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Posts trades to a queue ({@code trades.inbound} by default) as persistent UTF-8 JSON text messages, each with the
 * String property {@code messageId}, every sender's on a connection authenticated as that sender (its id and the
 * password {@link SenderCredentials} holds), so the broker stamps each message with its true sender. A sender's
 * connection and transacted session are opened on its first message. {@link #commit()} commits each sender's session
 * in turn: if one fails after another committed, the generator sends the whole transaction again and the committed
 * copies arrive twice, which the platform drops by sender and messageId. Any JMS failure closes every connection and
 * surfaces as {@link DependencyUnavailableException}; the next send opens new ones.
 */
public final class JmsTradeSink implements TradeSink {
    public static final String MESSAGE_ID_PROPERTY = "messageId";
    private static final String DEPENDENCY = "broker";

    /** One sender's connection, session and producer, and whether its session holds uncommitted sends. */
    private static final class Channel {
        final Connection connection;
        final Session session;
        final MessageProducer producer;
        boolean uncommitted;

        Channel(Connection connection, Session session, MessageProducer producer) {
            this.connection = connection;
            this.session = session;
            this.producer = producer;
        }
    }

    private final ConnectionFactory connectionFactory;
    private final String queue;
    private final SenderCredentials credentials;
    private final Map<String, Channel> channels = new LinkedHashMap<>();

    public JmsTradeSink(ConnectionFactory connectionFactory, SenderCredentials credentials) {
        this(connectionFactory, Queues.TRADES_INBOUND, credentials);
    }

    public JmsTradeSink(ConnectionFactory connectionFactory, String queue, SenderCredentials credentials) {
        if (connectionFactory == null) throw new IllegalArgumentException("connectionFactory is null");
        if (queue == null || queue.isBlank()) throw new IllegalArgumentException("queue is blank");
        if (credentials == null) throw new IllegalArgumentException("credentials is null");
        this.connectionFactory = connectionFactory;
        this.queue = queue;
        this.credentials = credentials;
    }

    /**
     * Sends the message on its sender's connection.
     *
     * @throws IllegalStateException when no password is known for the sender, or the broker refuses it: retrying
     *     cannot fix that
     */
    @Override
    public void send(TradeMessage message) {
        String body = WireCodec.encode(message);
        try {
            Channel channel = channelOf(message.senderId());
            TextMessage jms = channel.session.createTextMessage(body);
            jms.setStringProperty(MESSAGE_ID_PROPERTY, message.messageId());
            channel.producer.send(jms);
            channel.uncommitted = true;
        } catch (JMSSecurityException refused) {
            // A wrong or revoked password does not heal by retrying: stop and say so.
            close();
            throw new IllegalStateException(
                    "the broker refused sender " + message.senderId() + "'s credentials: " + refused.getMessage(),
                    refused);
        } catch (JMSException e) {
            throw unavailable("sending " + message.messageId() + " as " + message.senderId(), e);
        }
    }

    @Override
    public void commit() {
        if (channels.isEmpty()) throw new DependencyUnavailableException(DEPENDENCY, "no open transaction", null);
        for (Map.Entry<String, Channel> sender : channels.entrySet()) {
            Channel channel = sender.getValue();
            if (!channel.uncommitted) continue;
            try {
                channel.session.commit();
                channel.uncommitted = false;
            } catch (JMSException e) {
                throw unavailable("commit as " + sender.getKey(), e);
            }
        }
    }

    @Override
    public void close() {
        List<Channel> open = new ArrayList<>(channels.values());
        channels.clear();
        for (Channel channel : open) {
            try {
                channel.connection.close();
            } catch (JMSException | RuntimeException e) {
                // The connection is already broken; closing it is best effort and uncommitted work is lost anyway.
            }
        }
    }

    private Channel channelOf(String sender) throws JMSException {
        Channel channel = channels.get(sender);
        if (channel != null) return channel;
        String password = credentials
                .passwordOf(sender)
                .orElseThrow(() -> new IllegalStateException("no broker password for sender " + sender));
        Connection fresh = connectionFactory.createConnection(sender, password);
        try {
            fresh.start();
            Session session = fresh.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            channel = new Channel(fresh, session, producer);
            channels.put(sender, channel);
            return channel;
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
