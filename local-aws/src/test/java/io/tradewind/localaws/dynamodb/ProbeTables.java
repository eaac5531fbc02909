package io.tradewind.localaws.dynamodb;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Tables of the emulators' tests: a string key {@code pk} and a string {@code value}, through the real client. */
public final class ProbeTables {
    private ProbeTables() {}

    /** Creates the table unless it exists (replication may have created it first), as the apps' provisioning does. */
    public static void create(DynamoDbClient dynamoDb, String name) {
        try {
            dynamoDb.createTable(b -> b.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType(KeyType.HASH)
                            .build()));
        } catch (ResourceInUseException createdMeanwhile) {
            // the same table
        }
        awaitActive(dynamoDb, name);
    }

    /** Waits until the table is there and active (the SDK's waiter polls every 20 s; the emulator is at once). */
    public static void awaitActive(DynamoDbClient dynamoDb, String name) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> dynamoDb.listTables().tableNames().contains(name)
                        && dynamoDb.describeTable(b -> b.tableName(name))
                                        .table()
                                        .tableStatus()
                                == TableStatus.ACTIVE);
    }

    public static Map<String, AttributeValue> key(String key) {
        return Map.of("pk", AttributeValue.fromS(key));
    }

    public static Map<String, AttributeValue> item(String key, String value) {
        return Map.of("pk", AttributeValue.fromS(key), "value", AttributeValue.fromS(value));
    }

    /** The item's value, read consistently, or null when there is no such item. */
    public static String valueIn(DynamoDbClient dynamoDb, String table, String key) {
        var response = dynamoDb.getItem(b -> b.tableName(table).key(key(key)).consistentRead(true));
        return response.hasItem() ? response.item().get("value").s() : null;
    }
}
