package io.tradewind.platform.gateway;

import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.model.wire.Envelope;
import io.tradewind.model.wire.WireLimits;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.quarantine.StageQuarantine;
import io.tradewind.platform.regiongate.GatedComponent;
import io.tradewind.platform.resilience.BoundedStop;
import io.tradewind.platform.resilience.InputRefusedException;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.command.ActiveMQTextMessage;
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
     * The largest body the gateway reads: over the contract's size (already too large, and answered so) with room for
     * the broker's framing of a text message. A larger body is not read at all; it is journaled empty with its size.
     */
    static final long MAX_READ_BYTES = TradeMessageDecoder.MAX_BODY_BYTES + 64 * 1024;

    /** What separates a reused message id from the digest of the other content it came with, in a journal key. */
    public static final String CONFLICT_KEY_MARK = "|conflict:";

    /** The property the broker stamps the authenticated user on each message as. */
    public static final String JMSX_USER_ID = "JMSXUserID";

    /**
     * The property a message moved between regions by the runbook (or released from the quarantine) carries: the user
     * the source broker authenticated as its first sender. The target broker stamps the operator's user on the copy,
     * so the gateway trusts this property only on a message whose {@link #JMSX_USER_ID} is the operator identity.
     */
    public static final String FORWARDED_FOR_PROPERTY = "forwardedFor";

    /** The quarantine reason of an entry the inbound journal refused. */
    static final String REFUSED_BY_JOURNAL = "REFUSED_BY_DYNAMODB";

    /** How long {@link #stop()} waits for the consumers to finish the batch in hand before it goes on without them. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

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
    private final StageQuarantine quarantine;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    private volatile boolean running;
    /** Consumers whose connection to the broker is open and listening, of {@link Settings#consumers()}. */
    private final AtomicInteger connected = new AtomicInteger();

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
            StageMetrics metrics,
            StageQuarantine quarantine) {
        this.metrics = metrics;
        this.quarantine = quarantine;
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
        // One still held by a hung dependency is kept, so the next stop waits for it again rather than orphan it.
        workers.retainAll(BoundedStop.join(workers, STOP_TIMEOUT, settings.name()));
        log.info("{} stopped", settings.name());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started, and every consumer connected to the broker and listening on the queue. */
    @Override
    public boolean isReady() {
        return running && connected.get() >= settings.consumers();
    }

    /** Messages put on the stream and acknowledged so far (a redelivered one counts each time). */
    public long forwardedCount() {
        return forwarded.get();
    }

    /** Messages a sender had already sent under the same sender and message id (with the same content or not). */
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
                connected.incrementAndGet();
                try {
                    while (running) {
                        if (!forwardOneBatch(session, consumer)) {
                            pause(backoff);
                            backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
                        } else {
                            backoff = Duration.ofMillis(100);
                        }
                    }
                } finally {
                    connected.decrementAndGet();
                }
            } catch (JMSException | RuntimeException e) {
                metrics.attemptFailed("mq");
                log.error(
                        "{}: broker connection failed; reconnecting in {} ms", settings.name(), backoff.toMillis(), e);
                pause(backoff);
                backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
            }
        }
        metrics.attemptFinished();
    }

    /** @return false if the batch was rolled back and the caller should back off */
    private boolean forwardOneBatch(Session session, MessageConsumer consumer) throws JMSException {
        List<Message> batch = receiveBatch(consumer);
        if (batch.isEmpty()) {
            metrics.attemptFinished(); // nothing in hand: a batch that failed before went to another consumer
            return true;
        }
        metrics.received(batch.size());
        long startNanos = System.nanoTime();
        metrics.attemptStarted();
        try {
            List<JournalEntry> entries = new ArrayList<>(batch.size());
            for (Message message : batch) entries.add(toEntry(message));
            publish(journal(entries));
            session.commit();
            metrics.attemptFinished();
            metrics.processed(Duration.ofNanos(System.nanoTime() - startNanos));
            forwarded.addAndGet(batch.size());
            return true;
        } catch (RuntimeException | JMSException e) {
            metrics.attemptFailed(e);
            log.error("{}: batch of {} not forwarded; rolling back for redelivery", settings.name(), batch.size(), e);
            session.rollback();
            return false;
        }
    }

    /**
     * Journals the entries and returns what to forward for each. A message id reused for other content is journaled
     * again under a key of its own with the verdict {@code DUPLICATE_ID_CONFLICT}; an entry the journal refuses is
     * quarantined with its raw body and forwarded as a {@code QUARANTINED} verdict, so its sender is answered and the
     * batch goes on.
     */
    private List<JournalEntry> journal(List<JournalEntry> entries) {
        List<JournalOutcome> outcomes = journal.recordAll(entries);
        List<JournalEntry> toForward = new ArrayList<>(entries);
        List<Integer> conflicting = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JournalOutcome outcome = outcomes.get(i);
            switch (outcome.kind()) {
                case JOURNALED -> {}
                case DUPLICATE -> duplicates.incrementAndGet();
                case CONFLICT -> {
                    duplicates.incrementAndGet();
                    conflicting.add(i);
                    toForward.set(i, conflictOf(entries.get(i), outcome.detail()));
                }
                case REFUSED -> toForward.set(i, quarantined(entries.get(i), REFUSED_BY_JOURNAL, outcome.detail()));
            }
        }
        if (conflicting.isEmpty()) return toForward;
        List<JournalEntry> conflicts = conflicting.stream().map(toForward::get).toList();
        List<JournalOutcome> conflictOutcomes = journal.recordAll(conflicts);
        for (int i = 0; i < conflicts.size(); i++) {
            JournalOutcome outcome = conflictOutcomes.get(i);
            int at = conflicting.get(i);
            if (outcome.is(JournalOutcome.Kind.REFUSED))
                toForward.set(at, quarantined(entries.get(at), REFUSED_BY_JOURNAL, outcome.detail()));
        }
        return toForward;
    }

    /**
     * The entry of a message whose id another delivery holds with other content: keyed by the id and a digest of the
     * body, so the reused id is journaled too, and an identical redelivery of it is a duplicate of this one.
     */
    static JournalEntry conflictOf(JournalEntry entry, String detail) {
        String key = entry.journalKey() + CONFLICT_KEY_MARK + digestOf(entry.body(), entry.originalBytes());
        return entry.rekeyed(key, InboundRecord.DUPLICATE_ID_CONFLICT, detail);
    }

    /** Puts each entry's record on the stream; a record the stream refuses is quarantined and answered instead. */
    private void publish(List<JournalEntry> entries) {
        List<OutboundRecord> records = new ArrayList<>(entries.size());
        for (JournalEntry entry : entries) records.add(recordOf(entry));
        try {
            stream.publishAll(records);
        } catch (InputRefusedException refused) {
            // Rare (the gateway bounds what it forwards), so found the simple way: one record at a time.
            for (int i = 0; i < entries.size(); i++) {
                try {
                    stream.publishAll(List.of(records.get(i)));
                } catch (InputRefusedException e) {
                    JournalEntry answer = quarantined(entries.get(i), e.quarantineReason(), e.getMessage());
                    stream.publishAll(List.of(recordOf(answer)));
                }
            }
        }
    }

    private static OutboundRecord recordOf(JournalEntry entry) {
        return new OutboundRecord(entry.partitionKey(), entry.toInboundRecord().encode());
    }

    /**
     * Quarantines the message with its raw body and returns what to forward in its place: a short echo with the verdict
     * {@code QUARANTINED}, under a key that still names its sender where the body does.
     */
    private JournalEntry quarantined(JournalEntry entry, String reason, String detail) {
        quarantine.hold(entry.journalKey(), null, reason, detail, entry.body().getBytes(StandardCharsets.UTF_8));
        String sender = Envelope.fromJournalKey(entry.journalKey())
                .map(Envelope::senderId)
                .orElse(Envelope.UNIDENTIFIED_SENDER);
        String key = sender + "|quarantined:" + entry.brokerMessageId();
        return new JournalEntry(
                key,
                entry.body(),
                key,
                entry.brokerMessageId(),
                entry.receivedAt(),
                entry.source(),
                entry.originalBytes(),
                InboundRecord.QUARANTINED,
                "held in the quarantine: " + InboundRecord.echo(detail),
                entry.authenticatedSender());
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

    /**
     * The journal entry of a message, and the verdicts that need no parsing: a body over the contract's size is
     * journaled empty, with its size, and ingestion rejects it as too large (one far over it is not even read, and its
     * sender cannot be named); a body that is not UTF-8 text ({@link InboundBody}) and raw control characters (which
     * no JSON text holds) are answered at once. The key is the body's sender and message id
     * only when both fit a journal key (a 3 KB message id would be refused by the store); otherwise the broker's id,
     * under the sender when it can be named.
     */
    private JournalEntry toEntry(Message message) throws JMSException {
        String sender = authenticatedSender(message);
        JournalEntry entry = toEntry(message, sender);
        return sender == null ? entry : entry.sentBy(sender);
    }

    /**
     * The user the broker authenticated for the connection the message came on: the broker stamps it as {@code
     * JMSXUserID} over anything the sender set; on a message the operator moved, the first sender it carries. Null when
     * the broker names none (or a value no key could hold).
     */
    static String authenticatedSender(Message message) throws JMSException {
        String user = message.getStringProperty(JMSX_USER_ID);
        if (ServiceIdentity.OPERATOR.user().equals(user)) user = message.getStringProperty(FORWARDED_FOR_PROPERTY);
        return user != null && fitsKeyPart(user) ? user : null;
    }

    /**
     * The entry of a message; with an authenticated sender, its key names that sender, not the sender its body claims:
     * message ids are unique per authenticated sender, so no one can take another participant's ids (a forged body is
     * journaled under its true sender and answered NOT_AUTHORIZED by the first stage).
     */
    private JournalEntry toEntry(Message message, String sender) throws JMSException {
        String brokerId = message.getJMSMessageID();
        Instant receivedAt = clock.instant();
        long declaredBytes = declaredBodyBytes(message);
        if (declaredBytes > MAX_READ_BYTES) {
            String key = (sender == null ? Envelope.UNIDENTIFIED_SENDER : sender) + "|" + brokerId;
            int size = (int) Math.min(Integer.MAX_VALUE, declaredBytes);
            return new JournalEntry(key, "", key, brokerId, receivedAt, settings.queue(), size);
        }
        InboundBody body = InboundBody.of(message);
        int originalBytes =
                body.isRefused() ? body.originalBytes() : body.text().getBytes(StandardCharsets.UTF_8).length;
        // A body read but over the contract's size is journaled empty, under its sender and id if it names them.
        Optional<Envelope> envelope = (body.text().isEmpty()
                        ? Optional.<Envelope>empty()
                        : keys.envelopeOf(body.text()))
                .map(claimed -> sender == null ? claimed : new Envelope(sender, claimed.messageId()));
        String text = originalBytes > TradeMessageDecoder.MAX_BODY_BYTES ? "" : body.text();
        String journalKey = envelope.filter(JmsInboundGateway::fitsJournalKey)
                .map(Envelope::journalKey)
                .orElseGet(() -> Optional.ofNullable(sender)
                                .or(() -> keys.senderOf(body.text()).filter(JmsInboundGateway::fitsKeyPart))
                                .orElse(Envelope.UNIDENTIFIED_SENDER)
                        + "|" + brokerId);
        String partitionKey = text.isEmpty() ? null : keys.partitionKeyOf(text);
        if (partitionKey == null || partitionKey.isEmpty()) partitionKey = journalKey;
        if (partitionKey.length() > 256) partitionKey = partitionKey.substring(0, 256);
        JournalEntry entry =
                new JournalEntry(journalKey, text, partitionKey, brokerId, receivedAt, settings.queue(), originalBytes);
        if (body.isRefused()) return entry.rekeyed(journalKey, body.verdict(), body.verdictDetail());
        int control = firstControlCharacter(text);
        if (control < 0) return entry;
        String detail = String.format("control character U+%04X at character %d", (int) text.charAt(control), control);
        return entry.rekeyed(journalKey, InboundRecord.FORBIDDEN_CHARACTER, detail);
    }

    /** Where the first character no JSON text holds raw is: a C0 control other than tab, line feed and return, or DEL. */
    static int firstControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return i;
        }
        return -1;
    }

    private static boolean fitsJournalKey(Envelope envelope) {
        return fitsKeyPart(envelope.senderId()) && fitsKeyPart(envelope.messageId());
    }

    /**
     * Whether a sender or message id can be part of a journal key: an id as the wire contract allows it (short, of
     * letters, digits and {@code ._:/-}, so never the key's separator, and far below the store's key limit). Keys made
     * by an app's own {@link InboundKeys} from fields read leniently are held to the same rule.
     */
    static boolean fitsKeyPart(String part) {
        return WireLimits.isValidId(part, WireLimits.MAX_ID_LENGTH);
    }

    /**
     * The body's size as the broker holds it, before it is read into a string: a bytes message's length; a text
     * message's marshalled content (its UTF-8 form with a length prefix, a little over the text's UTF-8 size at most);
     * 0 when the broker's message does not say (the body is then read and measured).
     */
    static long declaredBodyBytes(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) return bytes.getBodyLength();
        if (message instanceof ActiveMQTextMessage text && text.getContent() != null)
            return text.getContent().getLength();
        return 0;
    }

    /** A digest of a body, short enough for a key: tells apart the contents a reused message id carried. */
    static String digestOf(String body, int originalBytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Integer.toString(originalBytes).getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha.digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
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
