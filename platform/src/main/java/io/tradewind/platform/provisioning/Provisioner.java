package io.tradewind.platform.provisioning;

import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Ensures streams and tables exist and are active. */
public final class Provisioner {
    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(30);

    private final KinesisClient kinesis;
    private final DynamoDbClient dynamoDb;

    public Provisioner(KinesisClient kinesis, DynamoDbClient dynamoDb) {
        this.kinesis = kinesis;
        this.dynamoDb = dynamoDb;
    }

    /** Creates the stream with {@code shardCount} shards unless it exists, and waits until it is ACTIVE. */
    public void ensureStream(String streamName, int shardCount) {
        try {
            kinesis.createStream(b -> b.streamName(streamName).shardCount(shardCount));
        } catch (software.amazon.awssdk.services.kinesis.model.ResourceInUseException alreadyExists) {
            // Someone (an earlier run, another service) created it: that is the state we want.
        }
        awaitActive(
                "stream " + streamName,
                () -> kinesis.describeStreamSummary(b -> b.streamName(streamName))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
    }

    /** Creates an on-demand table with a string hash key unless it exists, and waits until it is ACTIVE. */
    public void ensureTable(String tableName, String hashKey) {
        ensureTable(CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(hashKey)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName(hashKey)
                        .keyType(KeyType.HASH)
                        .build())
                .build());
    }

    /** Creates the table as requested unless a table of that name exists, and waits until it is ACTIVE. */
    public void ensureTable(CreateTableRequest request) {
        try {
            dynamoDb.createTable(request);
        } catch (ResourceInUseException alreadyExists) {
            // Created before: that is the state we want.
        }
        awaitActive("table " + request.tableName(), () -> {
            try {
                return dynamoDb.describeTable(b -> b.tableName(request.tableName()))
                                .table()
                                .tableStatus()
                        == TableStatus.ACTIVE;
            } catch (ResourceNotFoundException notYet) {
                return false;
            }
        });
    }

    private static void awaitActive(String what, java.util.function.BooleanSupplier active) {
        Instant deadline = Instant.now().plus(ACTIVE_TIMEOUT);
        while (!active.getAsBoolean()) {
            if (Instant.now().isAfter(deadline))
                throw new IllegalStateException(what + " not ACTIVE after " + ACTIVE_TIMEOUT);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }
}
