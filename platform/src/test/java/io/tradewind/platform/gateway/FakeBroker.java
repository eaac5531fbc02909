package io.tradewind.platform.gateway;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory broker, shaped like ActiveMQ where a sender's safety depends on it: a transacted session's sends count
 * once committed; closing a connection (as the active-region factory does on a rotation, from its own thread) rolls the
 * open transaction back while holding the session's lock and only then marks the session closed; a commit that finds
 * its transaction rolled back returns quietly. Only the calls a sender makes are implemented.
 */
public final class FakeBroker implements ConnectionFactory {
    private final List<String> committed = new CopyOnWriteArrayList<>();
    private final List<Delivery> delivered = new CopyOnWriteArrayList<>();
    private final List<FakeConnection> connections = new CopyOnWriteArrayList<>();

    /** Runs as a connection is being opened, before it is returned. */
    public volatile Runnable onConnect = () -> {};
    /** Runs inside a commit before it commits. */
    public volatile Runnable beforeCommit = () -> {};
    /** Runs inside a commit once it returns. */
    public volatile Runnable afterCommit = () -> {};
    /** Runs inside a close after it rolled the transaction back, before the session reads closed. */
    public volatile Runnable afterRollback = () -> {};

    /** A committed message: the queue it was sent to, its {@code messageId} and every string property it carries. */
    public record Delivery(String queue, String messageId, Map<String, String> properties) {}

    /** The {@code messageId}s of the committed messages, in commit order. */
    public List<String> committed() {
        return List.copyOf(committed);
    }

    /** The committed messages, in commit order. */
    public List<Delivery> delivered() {
        return List.copyOf(delivered);
    }

    public int connectionsOpened() {
        return connections.size();
    }

    public boolean allConnectionsClosed() {
        return connections.stream().allMatch(connection -> connection.closed);
    }

    @Override
    public Connection createConnection() {
        FakeConnection connection = new FakeConnection();
        connections.add(connection);
        onConnect.run();
        return connection.proxy;
    }

    @Override
    public Connection createConnection(String userName, String password) {
        return createConnection();
    }

    @Override
    public JMSContext createContext() {
        throw new UnsupportedOperationException();
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        throw new UnsupportedOperationException();
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        throw new UnsupportedOperationException();
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        throw new UnsupportedOperationException();
    }

    private final class FakeConnection {
        final Connection proxy = fake(Connection.class, (self, method, args) -> switch (method.getName()) {
            case "start" -> null;
            case "createSession" -> openSession();
            case "close" -> {
                close();
                yield null;
            }
            default -> objectMethod(self, method.getName(), args);
        });
        final List<FakeSession> sessions = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        Session openSession() throws jakarta.jms.IllegalStateException {
            if (closed) throw new jakarta.jms.IllegalStateException("The Connection is closed");
            FakeSession session = new FakeSession();
            sessions.add(session);
            return session.proxy;
        }

        void close() {
            for (FakeSession session : sessions) session.dispose();
            closed = true;
        }
    }

    private final class FakeSession {
        final Session proxy = fake(Session.class, (self, method, args) -> switch (method.getName()) {
            case "createTextMessage" -> textMessage((String) args[0]);
            case "createQueue" -> queue((String) args[0]);
            case "createProducer" -> producer();
            case "getTransacted" -> {
                checkClosed();
                yield true;
            }
            case "commit" -> {
                commit();
                yield null;
            }
            case "close" -> {
                dispose();
                yield null;
            }
            default -> objectMethod(self, method.getName(), args);
        });
        final List<Delivery> pending = new ArrayList<>();
        volatile boolean closed;

        void checkClosed() throws jakarta.jms.IllegalStateException {
            if (closed) throw new jakarta.jms.IllegalStateException("The Session is closed");
        }

        MessageProducer producer() throws jakarta.jms.IllegalStateException {
            checkClosed();
            return fake(MessageProducer.class, (self, method, args) -> switch (method.getName()) {
                case "setDeliveryMode" -> null;
                case "send" -> {
                    send((Queue) args[0], (Message) args[1]);
                    yield null;
                }
                default -> objectMethod(self, method.getName(), args);
            });
        }

        void send(Queue queue, Message message) throws Exception {
            checkClosed();
            synchronized (pending) {
                pending.add(new Delivery(
                        queue.getQueueName(),
                        message.getStringProperty(OnceOnlyJmsSender.MESSAGE_ID_PROPERTY),
                        ((FakeText) message).properties()));
            }
        }

        /** Not under the session's lock, as in ActiveMQ: a close may roll back between the sends and this. */
        void commit() throws jakarta.jms.IllegalStateException {
            checkClosed();
            beforeCommit.run();
            synchronized (pending) {
                // nothing, when a close rolled the transaction back
                pending.forEach(delivery -> committed.add(delivery.messageId()));
                delivered.addAll(pending);
                pending.clear();
            }
            afterCommit.run();
        }

        void dispose() {
            synchronized (proxy) {
                if (closed) return;
                synchronized (pending) {
                    pending.clear();
                }
                afterRollback.run();
                closed = true;
            }
        }
    }

    /** A text message that shows its string properties to the broker that takes it. */
    private interface FakeText extends TextMessage {
        Map<String, String> properties();
    }

    private static TextMessage textMessage(String body) {
        Map<String, String> properties = new HashMap<>();
        return fake(FakeText.class, (self, method, args) -> switch (method.getName()) {
            case "setStringProperty" -> {
                properties.put((String) args[0], (String) args[1]);
                yield null;
            }
            case "getStringProperty" -> properties.get((String) args[0]);
            case "properties" -> Map.copyOf(properties);
            case "getText" -> body;
            default -> objectMethod(self, method.getName(), args);
        });
    }

    private static Queue queue(String name) {
        return fake(
                Queue.class,
                (self, method, args) ->
                        method.getName().equals("getQueueName") ? name : objectMethod(self, method.getName(), args));
    }

    private static <T> T fake(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(FakeBroker.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** Identity semantics for the {@code Object} methods; anything else is a call the sender should not make. */
    private static Object objectMethod(Object self, String name, Object[] args) {
        return switch (name) {
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            case "toString" -> "fake " + self.getClass().getInterfaces()[0].getSimpleName();
            default -> throw new UnsupportedOperationException(name);
        };
    }
}
