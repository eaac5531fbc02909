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
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.common.HashKeyRangeForLease;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * KCL's lease table, prepared before a consumer starts. KCL 3.5 creates the table itself but then waits a fixed
 * interval for its {@code LeaseOwnerToLeaseKeyIndex}, and a brand-new application whose table is empty waits a random
 * 1–30 s before its first shard sync. Creating the table with its index and seeding one lease per shard (as KCL's own
 * shard sync would, never overwriting a checkpoint) makes a consumer start processing within a few seconds.
 */
public final class KclLeaseTable {
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
        for (Shard shard : shards(kinesis, streamName)) {
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

    private static List<Shard> shards(KinesisClient kinesis, String streamName) {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = kinesis.listShards(b -> b.streamName(streamName));
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = kinesis.listShards(b -> b.nextToken(token));
            shards.addAll(page.shards());
        }
        return shards;
    }
}
