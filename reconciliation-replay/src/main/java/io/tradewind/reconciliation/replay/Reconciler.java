package io.tradewind.reconciliation.replay;

import io.tradewind.platform.gateway.DynamoDbInboundJournal;
import io.tradewind.platform.gateway.JournalEntry;
import io.tradewind.platform.idempotency.CommandOutcomes;
import io.tradewind.platform.pipeline.StageName;
import io.tradewind.platform.pipeline.StagePipeline;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.FanOut;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.OutboundRecord;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Finds every input an app journaled in a window that did not reach its terminal state in this region, and replays it
 * into the app's ingestion stream, from where every stage's idempotency takes it exactly as far as it had not gone.
 *
 * <p>An input is terminal when ingestion rejected it and its REJECTED report is in the sent-log, or when matching
 * applied it and every message its stored events imply (reports, instructions, confirmations) is in the sent-log.
 * Anything else (never ingested, booked but not matched, matched but not all sent) is replayed. Replays are paced at
 * {@code maxReplaysPerSecond} and the run is written to the audit table before it returns.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    private static final int CHUNK = 1_000;
    private static final int SCAN_SEGMENTS = 4;

    /** Opens a connection to the region's PostgreSQL (the writer). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /**
     * @param app whose journal, schema and streams are reconciled, e.g. {@code trade-matching}
     * @param window how far back journaled inputs are checked (24 h by default)
     * @param maxReplaysPerSecond the pace of replays, so a large gap does not flood the active region
     * @param until where the window ends (null: now). The runbook ends it where the target region started to accept
     *     new inputs: those are in flight in a live pipeline, not left behind.
     */
    public record Settings(String app, Duration window, int maxReplaysPerSecond, Instant until) {
        public Settings {
            if (app == null || app.isBlank()) throw new IllegalArgumentException("app is blank");
            if (window == null || window.isNegative() || window.isZero())
                throw new IllegalArgumentException("window must be positive: " + window);
            if (maxReplaysPerSecond < 1)
                throw new IllegalArgumentException("maxReplaysPerSecond must be at least 1: " + maxReplaysPerSecond);
        }

        public static Settings of(String app) {
            return new Settings(app, Duration.ofHours(24), 500, null);
        }

        public Settings endingAt(Instant end) {
            return new Settings(app, window, maxReplaysPerSecond, end);
        }
    }

    private final String region;
    private final DynamoDbClient dynamoDb;
    private final KinesisClient kinesis;
    private final ConnectionSource postgres;
    private final ReconciliationAudit audit;
    private final Clock clock;

    public Reconciler(
            String region,
            DynamoDbClient dynamoDb,
            KinesisClient kinesis,
            ConnectionSource postgres,
            ReconciliationAudit audit,
            Clock clock) {
        this.region = region;
        this.dynamoDb = dynamoDb;
        this.kinesis = kinesis;
        this.postgres = postgres;
        this.audit = audit;
        this.clock = clock;
    }

    /** Finds what did not reach its terminal state, replays it, and records the run in the audit table. */
    public ReconciliationRun run(Settings settings) {
        long startNanos = System.nanoTime();
        Findings findings = find(settings);
        replay(settings, findings.outstanding());
        ReconciliationRun run = findings.toRun(Duration.ofNanos(System.nanoTime() - startNanos));
        audit.record(run);
        log.info(
                "reconciled {} in {}: {} journaled, {} rejected, {} applied, {} delivered, {} replayed",
                run.app(),
                region,
                run.journaled(),
                run.rejected(),
                run.applied(),
                run.delivered(),
                run.replayed());
        return run;
    }

    /**
     * The journal keys of the window that have not reached their terminal state yet, replaying nothing and recording
     * nothing.
     */
    public List<String> outstanding(Settings settings) {
        return keysOf(find(settings).outstanding());
    }

    /**
     * Which of these journal keys (a run's replays) have not reached their terminal state yet: how the runbook watches
     * replayed inputs resolve without reading the whole window again. A key the journal does not hold is outstanding.
     */
    public List<String> outstanding(String app, Collection<String> journalKeys) {
        if (journalKeys.isEmpty()) return List.of();
        List<JournalEntry> entries = journaled(app, journalKeys);
        Set<String> found = new HashSet<>(keysOf(entries));
        List<String> outstanding = new ArrayList<>();
        for (String key : journalKeys) if (!found.contains(key)) outstanding.add(key);
        Instant now = clock.instant();
        outstanding.addAll(keysOf(find(app, now, now, entries).outstanding()));
        return outstanding;
    }

    private static List<String> keysOf(List<JournalEntry> entries) {
        return entries.stream().map(JournalEntry::journalKey).toList();
    }

    /** What one look at the journal and the app's records found. */
    private record Findings(
            String app,
            String region,
            Instant start,
            Instant end,
            int journaled,
            int rejected,
            int applied,
            int delivered,
            List<JournalEntry> outstanding) {
        ReconciliationRun toRun(Duration took) {
            return new ReconciliationRun(
                    UUID.randomUUID().toString(),
                    app,
                    region,
                    start,
                    end,
                    journaled,
                    rejected,
                    applied,
                    delivered,
                    outstanding.stream().map(JournalEntry::journalKey).toList(),
                    took);
        }
    }

    private Findings find(Settings settings) {
        Instant end = settings.until() != null ? settings.until() : clock.instant();
        Instant start = end.minus(settings.window());
        return find(settings.app(), start, end, journaled(settings.app(), start, end));
    }

    private Findings find(String app, Instant start, Instant end, List<JournalEntry> journaled) {
        Set<String> keys = new HashSet<>();
        journaled.forEach(entry -> keys.add(entry.journalKey()));

        String schema = app.replace('-', '_');
        Set<String> rejected;
        Set<String> applied;
        Map<String, List<String>> eventPayloads;
        Map<String, List<String>> expectedByKey = new HashMap<>();
        Set<String> sent;
        try (Connection connection = postgres.open()) {
            rejected = keysIn(connection, schema + ".rejected_input", keys);
            applied = keysIn(connection, schema + ".applied_input", keys);
            eventPayloads = eventsOf(connection, schema, applied);
            Set<String> expected = new HashSet<>();
            for (JournalEntry entry : journaled) {
                List<String> ids = expectedMessages(app, entry, rejected, eventPayloads);
                expectedByKey.put(entry.journalKey(), ids);
                expected.addAll(ids);
            }
            sent = idsIn(connection, schema + ".sent_log", "message_id", expected);
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + app + "'s records in " + region + " failed", e);
        }

        List<JournalEntry> toReplay = new ArrayList<>();
        int delivered = 0;
        for (JournalEntry entry : journaled) {
            boolean decided = rejected.contains(entry.journalKey()) || applied.contains(entry.journalKey());
            if (decided && sent.containsAll(expectedByKey.get(entry.journalKey()))) delivered++;
            else toReplay.add(entry);
        }
        return new Findings(
                app,
                region,
                start,
                end,
                journaled.size(),
                (int) journaled.stream()
                        .filter(e -> rejected.contains(e.journalKey()))
                        .count(),
                (int) journaled.stream()
                        .filter(e -> applied.contains(e.journalKey()))
                        .count(),
                delivered,
                toReplay);
    }

    private static List<String> expectedMessages(
            String app, JournalEntry entry, Set<String> rejected, Map<String, List<String>> eventPayloads) {
        if (rejected.contains(entry.journalKey()))
            return ExpectedMessages.ofRejection(app, entry.journalKey(), entry.source());
        List<String> ids = new ArrayList<>();
        for (String payload : eventPayloads.getOrDefault(entry.journalKey(), List.of()))
            ids.addAll(ExpectedMessages.ofEvent(payload));
        return ids;
    }

    /**
     * The journal's entries received in the window, oldest first: a consistent scan, in {@link #SCAN_SEGMENTS}
     * segments side by side, since the scan reads the whole journal whatever the window.
     */
    private List<JournalEntry> journaled(String app, Instant start, Instant end) {
        List<JournalEntry> entries = new ArrayList<>();
        try (FanOut segments = new FanOut("reconcile-scan-" + app, SCAN_SEGMENTS)) {
            segments.map(
                            IntStream.range(0, SCAN_SEGMENTS).boxed().toList(),
                            segment -> scanSegment(app, start, end, segment))
                    .forEach(entries::addAll);
        }
        entries.sort(Comparator.comparing(JournalEntry::receivedAt).thenComparing(JournalEntry::journalKey));
        return entries;
    }

    private List<JournalEntry> scanSegment(String app, Instant start, Instant end, int segment) {
        List<JournalEntry> entries = new ArrayList<>();
        dynamoDb.scanPaginator(b -> b.tableName(StagePipeline.journalTable(app))
                        .consistentRead(true)
                        .segment(segment)
                        .totalSegments(SCAN_SEGMENTS)
                        .filterExpression("#at BETWEEN :start AND :end")
                        .expressionAttributeNames(Map.of("#at", DynamoDbInboundJournal.RECEIVED_AT_MILLIS))
                        .expressionAttributeValues(Map.of(
                                ":start", AttributeValue.fromN(Long.toString(start.toEpochMilli())),
                                ":end", AttributeValue.fromN(Long.toString(end.toEpochMilli())))))
                .items()
                .forEach(item -> entries.add(DynamoDbInboundJournal.entryOf(item)));
        return entries;
    }

    /** The journal's entries of these keys, in journal order. */
    private List<JournalEntry> journaled(String app, Collection<String> journalKeys) {
        DynamoDbInboundJournal journal = new DynamoDbInboundJournal(
                dynamoDb, StagePipeline.journalTable(app), region, DependencyGuard.forDependency("dynamodb"));
        List<JournalEntry> entries = new ArrayList<>(journal.entriesOf(journalKeys));
        entries.sort(Comparator.comparing(JournalEntry::receivedAt).thenComparing(JournalEntry::journalKey));
        return entries;
    }

    private void replay(Settings settings, List<JournalEntry> entries) {
        if (entries.isEmpty()) return;
        KinesisPublisher ingestion = new KinesisPublisher(
                        kinesis,
                        StagePipeline.streamInto(settings.app(), StageName.INGESTION),
                        DependencyGuard.forDependency("kinesis"))
                .aggregating(StagePipeline.AGGREGATE_BYTES);
        int perBatch = Math.min(500, settings.maxReplaysPerSecond());
        long intervalNanos = Duration.ofSeconds(1).toNanos() * perBatch / settings.maxReplaysPerSecond();
        long due = System.nanoTime();
        for (int i = 0; i < entries.size(); i += perBatch) {
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime())
                LockSupport.parkNanos(wait);
            List<OutboundRecord> batch = new ArrayList<>();
            for (JournalEntry entry : entries.subList(i, Math.min(entries.size(), i + perBatch)))
                batch.add(new OutboundRecord(
                        entry.partitionKey(), entry.toInboundRecord().encode()));
            ingestion.publishAll(batch);
            due += intervalNanos;
        }
    }

    private static Set<String> keysIn(Connection connection, String table, Collection<String> keys)
            throws SQLException {
        return idsIn(connection, table, "input_key", keys);
    }

    private static Set<String> idsIn(Connection connection, String table, String column, Collection<String> ids)
            throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += CHUNK) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + column + " FROM " + table + " WHERE " + column + " = ANY (?)")) {
                select.setArray(1, textArray(connection, all.subList(i, Math.min(all.size(), i + CHUNK))));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    private static Map<String, List<String>> eventsOf(Connection connection, String schema, Collection<String> keys)
            throws SQLException {
        Map<String, List<String>> payloads = new HashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int i = 0; i < all.size(); i += CHUNK)
            payloads.putAll(CommandOutcomes.recordedPayloads(
                    connection, schema + ".match_event", all.subList(i, Math.min(all.size(), i + CHUNK))));
        return payloads;
    }

    private static Array textArray(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }
}
