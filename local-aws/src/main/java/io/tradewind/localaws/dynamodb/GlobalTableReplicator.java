package io.tradewind.localaws.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What DynamoDB global tables do, between the DynamoDB Local of two regions: every write to a replicated table in
 * one region reaches the other after a configurable lag (500 ms by default), deletes included, and when both regions
 * write one item within the lag the later write wins in both. Tables are found by name as the apps create them; a new
 * table is created in the other region with the same keys and indexes, and what it held before its stream was on is
 * copied once, as when a replica is added.
 *
 * <p>It reads each table's DynamoDB stream (new images) and applies the changes to the other region with PutItem and
 * DeleteItem. A change it applied comes back on the other region's stream; it is recognised and not sent back. The
 * changes still waiting are the replication lag ({@link #lagMillis()}); {@link #loseRegion(String)} drops them, as a
 * region lost before its tail replicated does (the RPO of a failover).
 */
public final class GlobalTableReplicator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GlobalTableReplicator.class);

    /**
     * @param lag how long a write takes to reach the other region
     * @param tables the tables that are global, by name (the journals, sent-logs and audit tables; not KCL's, which
     *     are per region on AWS too)
     * @param pollInterval how often streams are read and new tables looked for
     */
    public record Settings(Duration lag, Pattern tables, Duration pollInterval) {
        public static final Pattern GLOBAL_TABLES = Pattern.compile(".*-(inbound-journal|sent-log|audit)");

        public Settings {
            if (lag == null || lag.isNegative()) throw new IllegalArgumentException("lag must not be negative: " + lag);
            if (pollInterval == null || pollInterval.isZero() || pollInterval.isNegative())
                throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
        }

        public static Settings withLag(Duration lag) {
            return new Settings(lag, GLOBAL_TABLES, Duration.ofMillis(100));
        }
    }

    /** DynamoDB's limit on the writes of one BatchWriteItem. */
    private static final int MAX_BATCH = 25;

    private final Settings settings;
    private final Map<String, Replica> replicas = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final ScheduledExecutorService poller;
    private long replicated;
    private long ticks;

    private GlobalTableReplicator(Settings settings, Map<String, URI> endpoints) {
        this.settings = settings;
        endpoints.forEach((region, endpoint) -> replicas.put(region, new Replica(region, endpoint)));
        for (Replica from : replicas.values())
            for (Replica to : replicas.values()) if (from != to) links.add(new Link(from, to));
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "global-table-replicator");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts replicating between the regions' DynamoDB endpoints (region name → endpoint). */
    public static GlobalTableReplicator start(Map<String, URI> endpoints, Settings settings) {
        GlobalTableReplicator replicator = new GlobalTableReplicator(settings, endpoints);
        replicator.poller.scheduleWithFixedDelay(
                replicator::tick, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        return replicator;
    }

    public Duration lag() {
        return settings.lag();
    }

    /** How far behind the replicas are: the age of the oldest write not yet applied in the other region, or 0. */
    public long lagMillis() {
        long oldest = Long.MAX_VALUE;
        for (Link link : links) {
            Change first = link.pending.peekFirst();
            if (first != null) oldest = Math.min(oldest, first.seenAtMillis);
        }
        return oldest == Long.MAX_VALUE ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
    }

    /** Writes applied in the other region since start. */
    public synchronized long replicatedCount() {
        return replicated;
    }

    /** Waits until every write seen so far has reached the other region (a switchover's "lag 0"). */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // A write made just now may not have been read from its stream yet: wait out one poll first.
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

    /** The region is lost: the writes it made that had not yet replicated are dropped and nothing more is read from it. */
    public synchronized RegionLoss loseRegion(String region) {
        long now = System.currentTimeMillis();
        int dropped = 0;
        long oldest = now;
        for (Link link : links) {
            if (!link.from.region.equals(region)) continue;
            for (Change change : link.pending) oldest = Math.min(oldest, change.seenAtMillis());
            dropped += link.pending.size();
            link.pending.clear();
            link.lost = true;
        }
        log.warn("region {} lost: {} writes that had not replicated are gone", region, dropped);
        return new RegionLoss(dropped, now - oldest);
    }

    /**
     * The lost region is back: its writes from now on replicate again. What {@link #loseRegion} dropped stays only in
     * that region's tables, as a recovered region's divergent tail would until it is reconciled.
     */
    public synchronized void restoreRegion(String region) {
        for (Link link : links) if (link.from.region.equals(region)) link.lost = false;
        log.info("region {} restored: its writes replicate again", region);
    }

    private synchronized void tick() {
        // New tables and new stream shards are rare: look for them every 20th tick, read the streams on every one.
        boolean discover = ticks++ % 20 == 0;
        for (Link link : links) {
            if (link.lost) continue;
            try {
                if (discover) link.discoverTables();
                link.readStreams(discover);
                link.applyDue();
                if (link.failing) log.info("replication {} -> {} resumed", link.from.region, link.to.region);
                link.failing = false;
            } catch (RuntimeException e) {
                // A region being stopped or killed: keep what is pending and try again next tick. Said once, loudly:
                // a replication that silently stops makes every RPO figure a lie.
                if (!link.failing)
                    log.warn("replication {} -> {} paused: {}", link.from.region, link.to.region, e.toString());
                link.failing = true;
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        replicas.values().forEach(Replica::close);
    }

    /** One region's DynamoDB: its clients, and when it last wrote each item itself (for last-writer-wins). */
    private static final class Replica {
        final String region;
        final DynamoDbClient dynamoDb;
        final DynamoDbStreamsClient streams;
        final Map<String, Long> lastLocalWriteMillis = new HashMap<>();
        /** Signatures of the writes replication applied here, so they are not replicated back. */
        final Set<String> echoes = new HashSet<>();

        Replica(String region, URI endpoint) {
            this.region = region;
            StaticCredentialsProvider credentials =
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
            this.dynamoDb = DynamoDbClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(region))
                    .credentialsProvider(credentials)
                    .build();
            this.streams = DynamoDbStreamsClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.of(region))
                    .credentialsProvider(credentials)
                    .build();
        }

        void close() {
            dynamoDb.close();
            streams.close();
        }
    }

    /** A write seen on a stream, waiting for the lag to pass. */
    private record Change(
            String table, Map<String, AttributeValue> keys, Map<String, AttributeValue> newImage, long seenAtMillis) {}

    /** One direction of replication: reads {@code from}'s streams, applies to {@code to}. */
    private final class Link {
        final Replica from;
        final Replica to;
        final Map<String, String> streamArns = new HashMap<>();
        final Map<String, List<String>> shardsOf = new HashMap<>();
        /** Shard iterator per stream shard ("arn|shardId"); a closed shard maps to null. */
        final Map<String, String> iterators = new HashMap<>();
        /** The sequence number of the last record taken per stream shard, to resume after it. */
        final Map<String, String> lastSequence = new HashMap<>();

        /** Concurrent so that {@link #lagMillis()} reads it without waiting for a poll that is applying a burst. */
        final Deque<Change> pending = new ConcurrentLinkedDeque<>();

        boolean lost;
        boolean failing;

        Link(Replica from, Replica to) {
            this.from = from;
            this.to = to;
        }

        void discoverTables() {
            for (String table : from.dynamoDb.listTablesPaginator().tableNames()) {
                if (streamArns.containsKey(table)
                        || !settings.tables().matcher(table).matches()) continue;
                TableDescription description = streamOn(table);
                if (description == null) continue; // still being created; next tick
                ensureReplicaTable(description);
                streamArns.put(table, description.latestStreamArn());
                copyExisting(description);
            }
        }

        /** Turns the table's stream on if it is off, and returns the table once it has one. */
        private TableDescription streamOn(String table) {
            TableDescription description =
                    from.dynamoDb.describeTable(b -> b.tableName(table)).table();
            if (description.streamSpecification() == null
                    || !Boolean.TRUE.equals(description.streamSpecification().streamEnabled())) {
                try {
                    from.dynamoDb.updateTable(b -> b.tableName(table)
                            .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
                } catch (ResourceInUseException e) {
                    return null;
                }
                description =
                        from.dynamoDb.describeTable(b -> b.tableName(table)).table();
            }
            return description.latestStreamArn() == null ? null : description;
        }

        private void ensureReplicaTable(TableDescription source) {
            try {
                to.dynamoDb.describeTable(b -> b.tableName(source.tableName()));
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
                to.dynamoDb.createTable(b -> {
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

        /** Copies what the table held before its stream was on; later writes come through the stream. */
        private void copyExisting(TableDescription table) {
            long now = System.currentTimeMillis();
            for (Map<String, AttributeValue> item : from.dynamoDb
                    .scanPaginator(b -> b.tableName(table.tableName()))
                    .items()) {
                Map<String, AttributeValue> keys = new TreeMap<>();
                table.keySchema().forEach(k -> keys.put(k.attributeName(), item.get(k.attributeName())));
                pending.add(new Change(table.tableName(), keys, item, now));
            }
        }

        void readStreams(boolean lookForShards) {
            for (Map.Entry<String, String> stream : streamArns.entrySet()) {
                String table = stream.getKey();
                String arn = stream.getValue();
                if (lookForShards || !shardsOf.containsKey(arn))
                    shardsOf.put(
                            arn,
                            from.streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards().stream()
                                    .map(Shard::shardId)
                                    .toList());
                for (String shardId : shardsOf.get(arn)) {
                    String key = arn + "|" + shardId;
                    if (!iterators.containsKey(key)) iterators.put(key, freshIterator(arn, shardId, key));
                    String iterator = iterators.get(key);
                    if (iterator == null) continue; // closed and read to its end
                    GetRecordsResponse records;
                    try {
                        records = from.streams.getRecords(b -> b.shardIterator(iterator));
                    } catch (TrimmedDataAccessException | ExpiredIteratorException stale) {
                        // DynamoDB Local hands out a TRIM_HORIZON iterator on an empty shard that it later calls
                        // trimmed; an iterator also expires. Start again after the last record taken.
                        iterators.remove(key);
                        continue;
                    }
                    for (Record record : records.records()) {
                        take(table, record);
                        lastSequence.put(key, record.dynamodb().sequenceNumber());
                    }
                    iterators.put(key, records.nextShardIterator());
                }
            }
        }

        private String freshIterator(String arn, String shardId, String key) {
            String after = lastSequence.get(key);
            return from.streams
                    .getShardIterator(b -> {
                        b.streamArn(arn).shardId(shardId);
                        if (after == null) b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                        else
                            b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                    .sequenceNumber(after);
                    })
                    .shardIterator();
        }

        private void take(String table, Record record) {
            Map<String, AttributeValue> keys = record.dynamodb().keys();
            Map<String, AttributeValue> image = record.eventName() == OperationType.REMOVE
                    ? null
                    : record.dynamodb().newImage();
            String signature = signature(table, keys, image);
            if (from.echoes.remove(signature)) return; // our own replication of the other region's write
            long now = System.currentTimeMillis();
            from.lastLocalWriteMillis.put(itemKey(table, keys), now);
            pending.add(new Change(table, keys, image, now));
        }

        /**
         * Applies the changes whose lag has passed, in BatchWriteItem calls of up to 25: one call per write could not
         * keep up with the apps under load, and a replica falling seconds behind makes every RPO figure worse than
         * the lag it was given. A batch never holds one item twice (DynamoDB refuses that), so a second change of an
         * item starts a new batch and the order of an item's changes is kept.
         */
        void applyDue() {
            long due = System.currentTimeMillis() - settings.lag().toMillis();
            Map<String, List<WriteRequest>> batch = new LinkedHashMap<>();
            Set<String> itemsInBatch = new HashSet<>();
            // Changes leave the queue only once written (or overridden), so a write that fails is tried again.
            int settled = 0;
            for (Change change : pending) {
                if (change.seenAtMillis() > due) break;
                Map<String, AttributeValue> keys = change.keys();
                String item = itemKey(change.table(), keys);
                Long theirs = to.lastLocalWriteMillis.get(item);
                // Last writer wins: a write the other region made to the same item after this one stands.
                if (theirs != null && theirs >= change.seenAtMillis()) {
                    settled++;
                    continue;
                }
                if (itemsInBatch.size() == MAX_BATCH || itemsInBatch.contains(item)) {
                    write(batch, settled);
                    batch.clear();
                    itemsInBatch.clear();
                    settled = 0;
                }
                to.echoes.add(signature(change.table(), keys, change.newImage()));
                batch.computeIfAbsent(change.table(), t -> new ArrayList<>()).add(writeOf(change));
                itemsInBatch.add(item);
                settled++;
            }
            write(batch, settled);
        }

        /** Writes the batch, then takes the {@code settled} changes it stands for off the head of the queue. */
        private void write(Map<String, List<WriteRequest>> batch, int settled) {
            Map<String, List<WriteRequest>> left = batch;
            while (!left.isEmpty()) {
                Map<String, List<WriteRequest>> request = left;
                left = to.dynamoDb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                replicated += count(request) - count(left);
            }
            for (int i = 0; i < settled; i++) pending.pollFirst();
        }

        private static WriteRequest writeOf(Change change) {
            return change.newImage() == null
                    ? WriteRequest.builder()
                            .deleteRequest(d -> d.key(change.keys()))
                            .build()
                    : WriteRequest.builder()
                            .putRequest(p -> p.item(change.newImage()))
                            .build();
        }

        private static int count(Map<String, List<WriteRequest>> requests) {
            return requests.values().stream().mapToInt(List::size).sum();
        }
    }

    private static String itemKey(String table, Map<String, AttributeValue> keys) {
        return table + "|" + new TreeMap<>(keys);
    }

    private static String signature(String table, Map<String, AttributeValue> keys, Map<String, AttributeValue> image) {
        return itemKey(table, keys) + "|" + (image == null ? "REMOVED" : new TreeMap<>(image).toString());
    }
}
