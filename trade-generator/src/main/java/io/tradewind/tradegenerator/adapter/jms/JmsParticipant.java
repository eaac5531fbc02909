package io.tradewind.tradegenerator.adapter.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;

/**
 * One participant's own connection to a broker, as a counterparty's back office has it: it posts bodies to an inbound
 * queue and takes from its private status queue the reports the caller asks for, leaving every other message there for
 * whoever else reads that queue. Status reports carry no property naming the message they answer (only their own
 * {@code messageId}), so no selector can pick them by what they answer: the queue is browsed, each report's body is
 * offered to the caller, and those it wants are taken one by one by their {@code JMSMessageID}.
 */
public final class JmsParticipant implements AutoCloseable {
    /** How long taking one browsed report may wait for the broker to hand it over. */
    private static final long TAKE_MILLIS = 2_000;

    private final Connection connection;
    private final Session session;
    private final Queue statusQueue;

    private JmsParticipant(Connection connection, Session session, Queue statusQueue) {
        this.connection = connection;
        this.session = session;
        this.statusQueue = statusQueue;
    }

    /**
     * Connects with {@code factory} (which carries the participant's login) and reads {@code statusQueue}.
     *
     * @throws JMSException when the broker cannot be reached or refuses the login
     */
    public static JmsParticipant connect(ConnectionFactory factory, String statusQueue) throws JMSException {
        Connection connection = factory.createConnection();
        try {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            return new JmsParticipant(connection, session, session.createQueue(statusQueue));
        } catch (JMSException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Posts {@code body} to {@code queue}, persistent: as text when it is UTF-8 (as every body of the wire contract is),
     * as bytes otherwise, with the string property {@code messageId} when the body names one.
     *
     * @return the broker's id of the message, which a report answering a body too broken to name itself carries
     */
    public String post(String queue, byte[] body, String messageId) throws JMSException {
        String text = utf8(body);
        Message message;
        if (text != null) {
            message = session.createTextMessage(text);
        } else {
            BytesMessage bytes = session.createBytesMessage();
            bytes.writeBytes(body);
            message = bytes;
        }
        if (messageId != null) message.setStringProperty(JmsTradeSink.MESSAGE_ID_PROPERTY, messageId);
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.send(message, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
        }
        return message.getJMSMessageID();
    }

    /** Takes the reports on the status queue whose body {@code wanted} accepts, oldest first; the rest stay. */
    public List<String> take(Predicate<String> wanted) throws JMSException {
        List<String> ids = new ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(statusQueue)) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message message = (Message) messages.nextElement();
                String body = bodyOf(message);
                if (body != null && wanted.test(body)) ids.add(message.getJMSMessageID());
            }
        }
        List<String> taken = new ArrayList<>();
        for (String id : ids) {
            // The id is the broker's (ID:host-port-...): it holds no quote, so the selector cannot be broken out of.
            try (MessageConsumer consumer = session.createConsumer(statusQueue, "JMSMessageID = '" + id + "'")) {
                Message message = consumer.receive(TAKE_MILLIS);
                if (message != null) taken.add(bodyOf(message));
            }
        }
        return taken;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }

    private static String bodyOf(Message message) throws JMSException {
        if (message instanceof TextMessage text) return text.getText();
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            return new String(body, StandardCharsets.UTF_8);
        }
        return null;
    }

    /** The text of {@code body} when its bytes are UTF-8, else null. */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }
}
