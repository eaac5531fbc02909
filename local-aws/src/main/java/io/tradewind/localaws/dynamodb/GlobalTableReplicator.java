package io.tradewind.localaws.dynamodb;

import static java.util.stream.Collectors.joining;

import io.tradewind.model.topology.AppTable;
import io.tradewind.model.topology.Tables;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * What DynamoDB global tables do, between the emulated DynamoDB of two regions: every write to a replicated table in
 * one region reaches the other after a configurable lag (500 ms by default), deletes included, and when both regions
 * write one item within the lag the later write wins in both. A table is created in the other region, with the same
 * keys and indexes, when it is first found. Tables that are strongly consistent across regions (the send ledgers) are
 * written to every region before a write returns, by the regions' fronts; this replicator only tells them their peers.
 *
 * <p>dynalite has no streams: each region's front logs the writes to global tables as they succeed ({@link Dynalite}),
 * and this replicator reads those logs, holds each write for the lag, and applies it in the other region, whose front
 * does not log it again and skips it if that region wrote the item later itself. The writes still waiting are the
 * replication lag ({@link #lagMillis()});
 * {@link #loseRegion(String)} drops them, and whatever the region logged and this replicator had not yet read, as a
 * region lost before its tail replicated does (the RPO of a failover).
 */
public final class GlobalTableReplicator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GlobalTableReplicator.class);

    /**
     * @param lag how long a write takes to reach the other region
     * @param tables the tables that are global, by name (the journals, sent-logs, audit tables and the participant
     *     registry; not KCL's, which
     *     are per region on AWS too)
     * @param synchronousTables the global tables with multi-Region strong consistency (a write returns once every
     *     region holds it)
     * @param pollInterval how often the fronts' logs are read and new tables looked for
     */
    public record Settings(Duration lag, Pattern tables, Pattern synchronousTables, Duration pollInterval) {
        /**
         * Every app's journal, sent-log and reconciliation audit, the runbook's rotation audit and the participant
         * registry.
         */
        public static final Pattern GLOBAL_TABLES = Pattern.compile(
                anyAppsTable(AppTable.replicated(false)) + "|" + Tables.ROTATION_AUDIT + "|" + Tables.PARTICIPANTS);
        /** Every app's send ledger and the runbook's rotation lease. */
        public static final Pattern STRONGLY_CONSISTENT_TABLES =
                Pattern.compile(anyAppsTable(AppTable.replicated(true)) + "|" + Tables.ROTATION_LEASE);

        public Settings {
            if (lag == null || lag.isNegative()) throw new IllegalArgumentException("lag must not be negative: " + lag);
            if (pollInterval == null || pollInterval.isZero() || pollInterval.isNegative())
                throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
        }

        public static Settings withLag(Duration lag) {
            return new Settings(lag, GLOBAL_TABLES, STRONGLY_CONSISTENT_TABLES, Duration.ofMillis(100));
        }

        /**
         * The tables of these kinds of any app, test apps included: {@code .*-(inbound-journal|sent-log)}. The names go
         * in unquoted (they are letters and hyphens) because the regions' fronts read the pattern in JavaScript, which
         * has no {@code \Q...\E}.
         */
        private static String anyAppsTable(List<AppTable> kinds) {
            return ".*-(" + kinds.stream().map(AppTable::kind).collect(joining("|")) + ")";
        }
    }

    /** At most this many logged writes are read, or applied, in one call to a front. */
    private static final int MAX_CHANGES_PER_CALL = 2_000;
    /** New tables are rare: they are looked for every this many polls (the logs are read on every one). */
    private static final int POLLS_PER_DISCOVERY = 20;

    private final Settings settings;
    private final Map<String, Replica> replicas = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final ScheduledExecutorService poller;
    private long replicated;
    private long polls;
    /** Set on close: a poll cut short then is not a replication that stopped. */
    private volatile boolean closing;

    private GlobalTableReplicator(Settings settings, Map<String, Dynalite> regions) {
        this.settings = settings;
        regions.forEach((region, dynamoDb) -> replicas.put(region, new Replica(region, dynamoDb)));
        for (Replica from : replicas.values())
            for (Replica to : replicas.values()) if (from != to) links.add(new Link(from, to));
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "global-table-replicator");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts replicating between the regions' DynamoDB (region name → its emulator): tells each front which tables to
     * log and which to write through to its peers, then reads the logs every poll.
     */
    public static GlobalTableReplicator start(Map<String, Dynalite> regions, Settings settings) {
        GlobalTableReplicator replicator = new GlobalTableReplicator(settings, regions);
        for (Replica replica : replicator.replicas.values()) {
            List<URI> peers = replicator.replicas.values().stream()
                    .filter(other -> other != replica)
                    .map(other -> other.front.endpoint())
                    .toList();
            replica.front.configure(settings.tables(), settings.synchronousTables(), peers);
            // Whatever was logged before (nothing, at start-up) is not ours to replicate.
            replica.cursor = replica.front.readChanges(0, 0).lastSequence();
        }
        replicator.poller.scheduleWithFixedDelay(
                replicator::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        return replicator;
    }

    public Duration lag() {
        return settings.lag();
    }

    /** How far behind the replicas are: the age of the oldest write not yet applied in the other region, or 0. */
    public long lagMillis() {
        long oldest = Long.MAX_VALUE;
        for (Link link : links) {
            Dynalite.Change first = link.pending.peekFirst();
            if (first != null) oldest = Math.min(oldest, first.atMillis());
        }
        return oldest == Long.MAX_VALUE ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
    }

    /** Writes applied in the other region since start. */
    public synchronized long replicatedCount() {
        return replicated;
    }

    /** Waits until every write made so far has reached the other region (a switchover's "lag 0"). */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // A write made just now may not have been read from its front's log yet: wait out one poll first.
        Thread.sleep(settings.pollInterval().toMillis() * 2);
        while (System.nanoTime() < deadline) {
            if (isCaughtUp()) return true;
            Thread.sleep(settings.pollInterval().toMillis());
        }
        return isCaughtUp();
    }

    private synchronized boolean isCaughtUp() {
        return links.stream().allMatch(link -> link.pending.isEmpty());
    }

    /**
     * What a lost region had not replicated: how many writes, and how old the oldest of them was (0 for none).
     *
     * @param writes the failover's RPO in writes
     * @param oldestMillis the failover's RPO in time: the age of the oldest write dropped
     */
    public record RegionLoss(int writes, long oldestMillis) {}

    /**
     * The region is lost: the writes it made that had not yet replicated are dropped, those it logged that were not
     * yet read among them, and nothing more is read from it.
     */
    public synchronized RegionLoss loseRegion(String region) {
        Replica lost = replica(region);
        try {
            readLog(lost, Integer.MAX_VALUE);
        } catch (RuntimeException e) {
            log.warn("region {} lost before its last writes could be counted: {}", region, e.toString());
        }
        long now = System.currentTimeMillis();
        int dropped = 0;
        long oldest = now;
        for (Link link : links) {
            if (link.from != lost) continue;
            for (Dynalite.Change change : link.pending) oldest = Math.min(oldest, change.atMillis());
            dropped += link.pending.size();
            link.pending.clear();
        }
        lost.lost = true;
        log.warn("region {} lost: {} writes that had not replicated are gone", region, dropped);
        return new RegionLoss(dropped, now - oldest);
    }

    /**
     * The lost region is back: its writes from now on replicate again. What {@link #loseRegion} dropped stays only in
     * that region's tables, as a recovered region's divergent tail would until it is reconciled.
     */
    public synchronized void restoreRegion(String region) {
        replica(region).lost = false;
        log.info("region {} restored: its writes replicate again", region);
    }

    private Replica replica(String region) {
        Replica replica = replicas.get(region);
        if (replica == null)
            throw new IllegalArgumentException("no replicated region " + region + "; have " + replicas.keySet());
        return replica;
    }

    private synchronized void poll() {
        boolean discover = polls++ % POLLS_PER_DISCOVERY == 0;
        for (Replica replica : replicas.values()) {
            if (replica.lost) continue;
            attempt(replica, "reading the log of", () -> {
                if (discover) discoverTables(replica);
                readLog(replica, MAX_CHANGES_PER_CALL);
            });
        }
        for (Link link : links) {
            if (link.from.lost) continue;
            attempt(link.to, "applying writes to", link::applyDue);
        }
    }

    /** Finds the region's global tables and creates each one the other regions lack, as adding a replica does. */
    private void discoverTables(Replica replica) {
        for (String table : replica.dynamoDb.listTablesPaginator().tableNames())
            if (settings.tables().matcher(table).matches()) ensureEverywhere(replica, table);
    }

    private void ensureEverywhere(Replica source, String table) {
        if (source.replicatedTables.contains(table)) return;
        TableDescription description =
                source.dynamoDb.describeTable(b -> b.tableName(table)).table();
        for (Replica other : replicas.values()) if (other != source) other.ensureTable(description);
        source.replicatedTables.add(table);
    }

    /** Reads up to {@code limit} of the region's logged writes into every link from it. */
    private void readLog(Replica replica, int limit) {
        int read = 0;
        while (read < limit) {
            Dynalite.Changes logged =
                    replica.front.readChanges(replica.cursor, Math.min(MAX_CHANGES_PER_CALL, limit - read));
            if (logged.changes().isEmpty()) return;
            for (Dynalite.Change change : logged.changes()) {
                ensureEverywhere(replica, change.table());
                for (Link link : links) if (link.from == replica) link.pending.add(change);
                replica.cursor = change.sequence();
            }
            read += logged.changes().size();
        }
    }

    /**
     * Runs one step against a region; a failure (a region being stopped or killed) keeps what is pending for the next
     * poll and is said once, loudly: a replication that silently stops makes every RPO figure a lie.
     */
    private void attempt(Replica replica, String what, Runnable step) {
        try {
            step.run();
            if (replica.failing.remove(what)) log.info("{} {} resumed", what, replica.region);
        } catch (RuntimeException e) {
            if (replica.failing.add(what) && !closing) log.warn("{} {} paused: {}", what, replica.region, e.toString());
        }
    }

    @Override
    public void close() {
        closing = true;
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        replicas.values().forEach(replica -> replica.dynamoDb.close());
    }

    /** One region's DynamoDB: its front, and a client for its tables. */
    private static final class Replica {
        final String region;
        final Dynalite front;
        final DynamoDbClient dynamoDb;
        /** Its global tables known to exist in every other region. */
        final Set<String> replicatedTables = new HashSet<>();

        /** The sequence of the last logged write read from the front. */
        long cursor;

        boolean lost;
        final Set<String> failing = new HashSet<>();

        Replica(String region, Dynalite front) {
            this.region = region;
            this.front = front;
            this.dynamoDb = DynamoDbClient.builder()
                    .endpointOverride(front.endpoint())
                    .region(Region.of(region))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .build();
        }

        void ensureTable(TableDescription source) {
            try {
                dynamoDb.describeTable(b -> b.tableName(source.tableName()));
                return;
            } catch (ResourceNotFoundException missing) {
                // created below, as adding a replica region does
            }
            List<GlobalSecondaryIndex> indexes = new ArrayList<>();
            for (GlobalSecondaryIndexDescription index : source.globalSecondaryIndexes())
                indexes.add(GlobalSecondaryIndex.builder()
                        .indexName(index.indexName())
                        .keySchema(index.keySchema())
                        .projection(index.projection())
                        .build());
            try {
                dynamoDb.createTable(b -> {
                    b.tableName(source.tableName())
                            .keySchema(source.keySchema())
                            .attributeDefinitions(source.attributeDefinitions())
                            .billingMode(BillingMode.PAY_PER_REQUEST);
                    if (!indexes.isEmpty()) b.globalSecondaryIndexes(indexes);
                });
            } catch (ResourceInUseException createdMeanwhile) {
                // the app in that region created it first: same table
            }
        }
    }

    /** One direction of replication: the writes logged in {@code from}, applied to {@code to}. */
    private final class Link {
        final Replica from;
        final Replica to;

        /**
         * The writes read from {@code from}'s log, waiting for the lag to pass. Concurrent so that {@link #lagMillis()}
         * reads it without waiting for a poll that is applying a burst.
         */
        final Deque<Dynalite.Change> pending = new ConcurrentLinkedDeque<>();

        Link(Replica from, Replica to) {
            this.from = from;
            this.to = to;
        }

        /**
         * Applies the writes whose lag has passed, in the order they were made; the other region's front skips those
         * it overrode with a later write of its own (last writer wins). They leave the queue only once applied, so a
         * call that fails is made again on the next poll.
         */
        void applyDue() {
            long due = System.currentTimeMillis() - settings.lag().toMillis();
            List<Dynalite.Change> writes = new ArrayList<>();
            for (Iterator<Dynalite.Change> it = pending.iterator();
                    it.hasNext() && writes.size() < MAX_CHANGES_PER_CALL; ) {
                Dynalite.Change change = it.next();
                if (change.atMillis() > due) break;
                writes.add(change);
            }
            if (writes.isEmpty()) return;
            Dynalite.Applied outcome = to.front.apply(writes);
            synchronized (GlobalTableReplicator.this) {
                replicated += outcome.applied();
            }
            for (int i = 0; i < writes.size(); i++) pending.pollFirst();
        }
    }
}
