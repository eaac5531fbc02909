package io.tradewind.reconciliation.replay;

import io.tradewind.model.topology.App;
import io.tradewind.platform.gateway.DynamoDbInboundJournal;
import io.tradewind.platform.gateway.JournalEntry;
import io.tradewind.platform.idempotency.PostgresSentLog;
import io.tradewind.platform.pipeline.StageName;
import io.tradewind.platform.pipeline.StagePipeline;
import io.tradewind.platform.reconciliation.InputFate;
import io.tradewind.platform.reconciliation.InputFates;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.FanOut;
import io.tradewind.platform.sql.ConnectionSource;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.OutboundRecord;
import io.tradewind.reconciliation.api.Reconciler;
import io.tradewind.reconciliation.api.ReconciliationRun;
import io.tradewind.reconciliation.api.ReconciliationSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
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
 * <p>The app says what became of each input and which outbound messages that implies ({@link InputFates}); the
 * platform's sent-log says which of those went out. An input is terminal when it was decided and all of them did (see
 * {@link Findings}). Replays are paced at {@code maxReplaysPerSecond} and the run is written to the audit table before
 * it returns.
 */
public final class JournalReconciler implements Reconciler {
    private static final Logger log = LoggerFactory.getLogger(JournalReconciler.class);
    private static final int SCAN_SEGMENTS = 4;

    private final String region;
    private final DynamoDbClient dynamoDb;
    private final KinesisClient kinesis;
    private final ConnectionSource postgres;
    private final Function<String, InputFates> fatesOfApp;
    private final ReconciliationAudit audit;
    private final Clock clock;

    /**
     * @param postgres the region's PostgreSQL (the writer), where the apps' sent-logs are
     * @param fatesOfApp each app's answer about its inputs in this region, by the app's name
     */
    public JournalReconciler(
            String region,
            DynamoDbClient dynamoDb,
            KinesisClient kinesis,
            ConnectionSource postgres,
            Function<String, InputFates> fatesOfApp,
            ReconciliationAudit audit,
            Clock clock) {
        this.region = region;
        this.dynamoDb = dynamoDb;
        this.kinesis = kinesis;
        this.postgres = postgres;
        this.fatesOfApp = fatesOfApp;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public ReconciliationRun run(ReconciliationSettings settings) {
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

    @Override
    public List<String> outstanding(ReconciliationSettings settings) {
        return find(settings).outstandingKeys();
    }

    @Override
    public List<String> outstanding(String app, Collection<String> journalKeys) {
        if (journalKeys.isEmpty()) return List.of();
        List<JournalEntry> entries = journaled(app, journalKeys);
        Set<String> found = new HashSet<>(keysOf(entries));
        List<String> outstanding = new ArrayList<>();
        for (String key : journalKeys) if (!found.contains(key)) outstanding.add(key);
        Instant now = clock.instant();
        outstanding.addAll(find(app, now, now, entries).outstandingKeys());
        return outstanding;
    }

    private static List<String> keysOf(List<JournalEntry> entries) {
        return entries.stream().map(JournalEntry::journalKey).toList();
    }

    private Findings find(ReconciliationSettings settings) {
        Instant end = settings.until() != null ? settings.until() : clock.instant();
        Instant start = end.minus(settings.window());
        return find(settings.app(), start, end, journaled(settings.app(), start, end));
    }

    private Findings find(String app, Instant start, Instant end, List<JournalEntry> journaled) {
        Map<String, InputFate> fates = fatesOfApp.apply(app).fatesOf(journaled);
        Set<String> implied = new HashSet<>();
        fates.values().forEach(fate -> implied.addAll(fate.impliedMessageIds()));
        Set<String> sent = PostgresSentLog.sentAmong(postgres, App.of(app).schema(), implied);
        return Findings.of(app, region, start, end, journaled, fates, sent);
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

    private void replay(ReconciliationSettings settings, List<JournalEntry> entries) {
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
}
