package io.tradewind.platform.smoke;

import io.tradewind.platform.gateway.OnceOnlyJmsSender;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts every message that arrives on a queue by its {@code messageId} property, as a receiver checking duplicates. */
final class QueueRecorder implements AutoCloseable {
    private final Connection connection;
    private final Map<String, Integer> timesById = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    QueueRecorder(ConnectionFactory broker, String queue) throws JMSException {
        connection = broker.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createConsumer(session.createQueue(queue)).setMessageListener(message -> {
            try {
                timesById.merge(message.getStringProperty(OnceOnlyJmsSender.MESSAGE_ID_PROPERTY), 1, Integer::sum);
                total.incrementAndGet();
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        connection.start();
    }

    int total() {
        return total.get();
    }

    int distinct() {
        return timesById.size();
    }

    java.util.Set<String> ids() {
        return java.util.Set.copyOf(timesById.keySet());
    }

    List<String> duplicated() {
        return timesById.entrySet().stream()
                .filter(entry -> entry.getValue() > 1)
                .map(Map.Entry::getKey)
                .toList();
    }

    static void post(ConnectionFactory broker, String queue, List<String> bodies) throws JMSException {
        try (Connection connection = broker.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            var producer = session.createProducer(session.createQueue(queue));
            for (String body : bodies) {
                TextMessage message = session.createTextMessage(body);
                producer.send(message);
            }
            session.commit();
        }
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
