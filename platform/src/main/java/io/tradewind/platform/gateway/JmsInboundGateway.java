package io.tradewind.platform.gateway;

import io.tradewind.model.wire.Envelope;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.regiongate.GatedComponent;
import io.tradewind.platform.resilience.Sleeper;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.OutboundRecord;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes messages from an MQ queue in transacted batches and, for each batch, journals every message, puts every message
 * on the stream, and only then commits (acknowledges). A failure rolls the batch back for redelivery; a redelivered
 * message that is already journaled is forwarded again, since the first attempt may have died before the stream put.
 */
public final class JmsInboundGateway implements GatedComponent {
    private static final Logger log = LoggerFactory.getLogger(JmsInboundGateway.class);

    /**
     * The largest body journaled whole. DynamoDB items stop at 400 KB and Kinesis records at 1 MiB; a larger body is
     * journaled truncated, with its original size, and the first stage rejects it (the contract allows 256 KiB).
     */
    public static final int MAX_JOURNALED_BODY_BYTES = 300 * 1024;

    /**
     * @param batchSize most messages per transaction
     * @param receiveTimeout how long to wait for the first message of a batch (and so how quickly stop() is noticed)
     * @param consumers concurrent consumers, each with its own session; with more than one, the broker no longer
     *     hands a sender's messages over in the order sent (as with several gateway tasks on AWS)
     */
    public record Settings(
            String name, String queue, int batchSize, Duration receiveTimeout, Duration maxBackoff, int consumers) {
        public Settings {
            if (batchSize < 1) throw new IllegalArgumentException("batchSize " + batchSize + " is below 1");
            if (consumers < 1) throw new IllegalArgumentException("consumers " + consumers + " is below 1");
        }

        public static Settings of(String name, String queue) {
            return new Settings(name, queue, 100, Duration.ofMillis(500), Duration.ofSeconds(10), 1);
        }

        public Settings withConsumers(int count) {
            return new Settings(name, queue, batchSize, receiveTimeout, maxBackoff, count);
        }
    }

    private final Settings settings;
    private final ConnectionFactory connectionFactory;
    private final InboundJournal journal;
    private final KinesisPublisher stream;
    private final InboundKeys keys;
    private final Clock clock;
    private final StageMetrics metrics;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    private volatile boolean running;
    private final List<Thread> workers = new ArrayList<>();

    /**
     * @param keys the journal envelope and stream partition key of a raw body (a trade's id, which its NEW and CANCEL
     *     share); a body without them is journaled under the broker's id and partitioned by its journal key
     */
    public JmsInboundGateway(
            Settings settings,
            ConnectionFactory connectionFactory,
            InboundJournal journal,
            KinesisPublisher stream,
            InboundKeys keys,
            Clock clock,
            StageMetrics metrics) {
        this.metrics = metrics;
        this.settings = settings;
        this.connectionFactory = connectionFactory;
        this.journal = journal;
        this.stream = stream;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public synchronized void start() {
        if (running) return;
        running = true;
        for (int i = 0; i < settings.consumers(); i++) {
            Thread worker = new Thread(this::run, settings.name() + "-" + i);
            workers.add(worker);
            worker.start();
        }
        log.info("{} consuming {}", settings.name(), settings.queue());
    }

    @Override
    public synchronized void stop() {
        if (!running) return;
        running = false;
        try {
            for (Thread worker : workers) worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.clear();
        log.info("{} stopped", settings.name());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Messages put on the stream and acknowledged so far (a redelivered one counts each time). */
    public long forwardedCount() {
        return forwarded.get();
    }

    /** Messages a sender had already sent under the same sender and message id. */
    public long duplicateCount() {
        return duplicates.get();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (running) {
            try (Connection connection = connectionFactory.createConnection()) {
                connection.start();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createConsumer(session.createQueue(settings.queue()));
                backoff = Duration.ofMillis(100);
                while (running) {
                    if (!forwardOneBatch(session, consumer)) {
                        pause(backoff);
                        backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
                    } else {
                        backoff = Duration.ofMillis(100);
                    }
                }
            } catch (JMSException | RuntimeException e) {
                log.error(
                        "{}: broker connection failed; reconnecting in {} ms", settings.name(), backoff.toMillis(), e);
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
            }
        }
    }

    /** @return false if the batch was rolled back and the caller should back off */
    private boolean forwardOneBatch(Session session, MessageConsumer consumer) throws JMSException {
        List<Message> batch = receiveBatch(consumer);
        if (batch.isEmpty()) return true;
        metrics.received(batch.size());
        long startNanos = System.nanoTime();
        try {
            List<JournalEntry> entries = new ArrayList<>(batch.size());
            for (Message message : batch) entries.add(toEntry(message, bodyOf(message)));
            Set<String> alreadySent = journal.recordAll(entries);
            List<OutboundRecord> records = new ArrayList<>(entries.size());
            for (JournalEntry entry : entries)
                records.add(new OutboundRecord(
                        entry.partitionKey(), entry.toInboundRecord().encode()));
            stream.publishAll(records);
            session.commit();
            metrics.processed(Duration.ofNanos(System.nanoTime() - startNanos));
            forwarded.addAndGet(batch.size());
            duplicates.addAndGet(alreadySent.size());
            return true;
        } catch (RuntimeException | JMSException e) {
            log.error("{}: batch of {} not forwarded; rolling back for redelivery", settings.name(), batch.size(), e);
            session.rollback();
            return false;
        }
    }

    private List<Message> receiveBatch(MessageConsumer consumer) throws JMSException {
        List<Message> batch = new ArrayList<>();
        Message first = consumer.receive(settings.receiveTimeout().toMillis());
        if (first == null) return batch;
        batch.add(first);
        while (batch.size() < settings.batchSize()) {
            Message next = consumer.receiveNoWait();
            if (next == null) break;
            batch.add(next);
        }
        return batch;
    }

    /** Cuts a body to what can be journaled, on a character boundary. */
    static String truncate(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_JOURNALED_BODY_BYTES) return body;
        String cut = new String(bytes, 0, MAX_JOURNALED_BODY_BYTES, StandardCharsets.UTF_8);
        // A multi-byte character split at the cut decodes as U+FFFD: drop it rather than journal a fake character.
        return cut.endsWith("\uFFFD") ? cut.substring(0, cut.length() - 1) : cut;
    }

    private JournalEntry toEntry(Message message, String body) throws JMSException {
        String brokerId = message.getJMSMessageID();
        // A body that names no sender or id is still journaled, under the broker's id, and rejected downstream.
        String journalKey =
                keys.envelopeOf(body).map(Envelope::journalKey).orElse(Envelope.UNIDENTIFIED_SENDER + "|" + brokerId);
        String partitionKey = keys.partitionKeyOf(body);
        if (partitionKey == null || partitionKey.isEmpty()) partitionKey = journalKey;
        if (partitionKey.length() > 256) partitionKey = partitionKey.substring(0, 256);
        return new JournalEntry(
                journalKey,
                truncate(body),
                partitionKey,
                brokerId,
                clock.instant(),
                settings.queue(),
                body.getBytes(StandardCharsets.UTF_8).length);
    }

    private static String bodyOf(Message message) throws JMSException {
        if (message instanceof TextMessage text) return text.getText() == null ? "" : text.getText();
        if (message instanceof BytesMessage bytes) {
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            return new String(data, StandardCharsets.UTF_8);
        }
        return "";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void pause(Duration duration) {
        try {
            Sleeper.THREAD.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
