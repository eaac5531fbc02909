package io.tradewind.platform.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.common.HashKeyRangeForLease;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * KCL's lease table, prepared before a consumer starts. KCL 3.5 creates the table itself but then waits a fixed
 * interval for its {@code LeaseOwnerToLeaseKeyIndex}, and a brand-new application whose table is empty waits a random
 * 1–30 s before its first shard sync. Creating the table with its index and seeding one lease per shard (as KCL's own
 * shard sync would, never overwriting a checkpoint) makes a consumer start processing within a few seconds.
 */
public final class KclLeaseTable {
    private static final AggregatorUtil AGGREGATES = new AggregatorUtil();
    public static final String LEASE_KEY = "leaseKey";
    public static final String LEASE_OWNER = "leaseOwner";
    public static final String OWNER_INDEX = "LeaseOwnerToLeaseKeyIndex";

    private KclLeaseTable() {}

    /** The table KCL expects: hash key {@code leaseKey}, and the owner index projected as keys only. */
    public static CreateTableRequest definition(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName(LEASE_KEY)
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName(LEASE_OWNER)
                                .attributeType(ScalarAttributeType.S)
                                .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName(LEASE_KEY)
                        .keyType(KeyType.HASH)
                        .build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(OWNER_INDEX)
                        .keySchema(
                                KeySchemaElement.builder()
                                        .attributeName(LEASE_OWNER)
                                        .keyType(KeyType.HASH)
                                        .build(),
                                KeySchemaElement.builder()
                                        .attributeName(LEASE_KEY)
                                        .keyType(KeyType.RANGE)
                                        .build())
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.KEYS_ONLY)
                                .build())
                        .build())
                .build();
    }

    /**
     * Puts a lease at TRIM_HORIZON for every shard of the stream that has none yet.
     *
     * @return how many leases were created
     */
    public static int seedLeases(KinesisClient kinesis, DynamoDbClient dynamoDb, String tableName, String streamName) {
        DynamoDBLeaseSerializer serializer = new DynamoDBLeaseSerializer();
        int created = 0;
        for (Shard shard : ShardMap.listShards(kinesis, streamName)) {
            Lease lease = new Lease();
            lease.leaseKey(shard.shardId());
            lease.checkpoint(ExtendedSequenceNumber.TRIM_HORIZON);
            lease.leaseCounter(0L);
            lease.ownerSwitchesSinceCheckpoint(0L);
            List<String> parents = new ArrayList<>();
            if (shard.parentShardId() != null) parents.add(shard.parentShardId());
            if (shard.adjacentParentShardId() != null) parents.add(shard.adjacentParentShardId());
            lease.parentShardIds(parents);
            lease.hashKeyRange(HashKeyRangeForLease.fromHashKeyRange(shard.hashKeyRange()));
            Map<String, AttributeValue> item = serializer.toDynamoRecord(lease);
            try {
                dynamoDb.putItem(b -> b.tableName(tableName)
                        .item(item)
                        .conditionExpression("attribute_not_exists(" + LEASE_KEY + ")"));
                created++;
            } catch (ConditionalCheckFailedException exists) {
                // The shard has a lease (and maybe a checkpoint) already: keep it.
            }
        }
        return created;
    }

    /**
     * Moves every lease's checkpoint past the records its shard holds now, so a consumer that starts later reads only
     * what arrives after this call. For a region that comes back after a failover: what its streams still held
     * belongs to the history the failover abandoned (its database was rebuilt from the survivor's), and processed now
     * it would report old states after new ones. Whatever of it mattered is in the inbound journal, from which
     * reconciliation replays it. Must run while no consumer of the table runs.
     *
     * @return how many records were skipped, counting each record packed in an aggregate
     */
    public static long skipToTip(KinesisClient kinesis, DynamoDbClient dynamoDb, String tableName, String streamName) {
        DynamoDBLeaseSerializer serializer = new DynamoDBLeaseSerializer();
        long skipped = 0;
        for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(
                        b -> b.tableName(tableName).consistentRead(true))
                .items()) {
            Lease lease = serializer.fromDynamoRecord(item);
            if (lease == null) continue; // KCL keeps other entities in the table too
            ExtendedSequenceNumber checkpoint = lease.checkpoint();
            if (ExtendedSequenceNumber.SHARD_END.equals(checkpoint)) continue;
            String iterator = kinesis.getShardIterator(b -> {
                        b.streamName(streamName).shardId(lease.leaseKey());
                        if (checkpoint == null
                                || checkpoint.sequenceNumber() == null
                                || checkpoint.isSentinelCheckpoint())
                            b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                        else
                            b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                                    .startingSequenceNumber(checkpoint.sequenceNumber());
                    })
                    .shardIterator();
            String last = null;
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page =
                        kinesis.getRecords(b -> b.shardIterator(current).limit(10_000));
                if (page.records().isEmpty()) break;
                last = page.records().get(page.records().size() - 1).sequenceNumber();
                skipped += AGGREGATES
                        .deaggregate(page.records().stream()
                                .map(KinesisClientRecord::fromRecord)
                                .toList())
                        .size();
                iterator = page.nextShardIterator();
            }
            if (last == null) continue;
            // Past every record packed in the last one too (a KPL aggregate's sub-records sort by sub-sequence).
            lease.checkpoint(new ExtendedSequenceNumber(last, Long.MAX_VALUE));
            lease.pendingCheckpoint(null);
            Map<String, AttributeValue> moved = serializer.toDynamoRecord(lease);
            dynamoDb.putItem(b -> b.tableName(tableName).item(moved));
        }
        return skipped;
    }
}
