package io.tradewind.localaws.dynamodb;

import static io.tradewind.localaws.dynamodb.ProbeTables.awaitActive;
import static io.tradewind.localaws.dynamodb.ProbeTables.create;
import static io.tradewind.localaws.dynamodb.ProbeTables.item;
import static io.tradewind.localaws.dynamodb.ProbeTables.key;
import static io.tradewind.localaws.dynamodb.ProbeTables.valueIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Two regions' dynalite behind their fronts, as the real DynamoDB client sees them: what dynalite lacks and the sandbox
 * needs (write capture for global tables, strongly consistent tables, the item a failed condition returns) and the
 * replication built on it. A replicator of this test's own, with a lag long enough to watch writes wait.
 */
class EmulatedDynamoDbIT {
    private static final String EAST = "us-east-1";
    private static final String WEST = "us-west-2";
    private static final Duration LAG = Duration.ofMillis(400);

    @TempDir
    static Path dir;

    private static Dynalite eastFront;
    private static Dynalite westFront;
    private static GlobalTableReplicator replication;
    private static DynamoDbClient east;
    private static DynamoDbClient west;

    @BeforeAll
    static void start() throws Exception {
        eastFront = Dynalite.start("node", 0, dir.resolve("east.log"));
        westFront = Dynalite.start("node", 0, dir.resolve("west.log"));
        Map<String, Dynalite> regions = new LinkedHashMap<>();
        regions.put(EAST, eastFront);
        regions.put(WEST, westFront);
        replication = GlobalTableReplicator.start(
                regions,
                new GlobalTableReplicator.Settings(
                        LAG, Pattern.compile(".*-journal"), Pattern.compile(".*-ledger"), Duration.ofMillis(50)));
        east = client(eastFront, EAST);
        west = client(westFront, WEST);
    }

    @AfterAll
    static void stop() {
        east.close();
        west.close();
        replication.close();
        eastFront.close();
        westFront.close();
    }

    @Test
    void aGlobalTablesPutsUpdatesBatchesAndDeletesReachTheOtherRegionAfterTheLag() {
        create(east, "writes-journal");
        long putAt = System.nanoTime();
        east.putItem(b -> b.tableName("writes-journal").item(item("put", "1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> valueIn(west, "writes-journal", "put") != null);
        assertThat(Duration.ofNanos(System.nanoTime() - putAt))
                .as("no sooner than the lag")
                .isGreaterThanOrEqualTo(LAG.minusMillis(50));

        var updated = east.updateItem(b -> b.tableName("writes-journal")
                .key(key("put"))
                .updateExpression("SET #v = :v, extra = :e")
                .expressionAttributeNames(Map.of("#v", "value"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("2"), ":e", AttributeValue.fromS("x"))));
        assertThat(updated.hasAttributes())
                .as("the client asked for nothing back")
                .isFalse();
        east.batchWriteItem(b -> b.requestItems(Map.of(
                "writes-journal",
                List.of(
                        WriteRequest.builder()
                                .putRequest(p -> p.item(item("batched", "b")))
                                .build(),
                        WriteRequest.builder()
                                .putRequest(p -> p.item(item("doomed", "d")))
                                .build()))));
        east.deleteItem(b -> b.tableName("writes-journal").key(key("doomed")));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(valueIn(west, "writes-journal", "put")).isEqualTo("2");
            assertThat(west.getItem(b -> b.tableName("writes-journal").key(key("put")))
                            .item()
                            .get("extra")
                            .s())
                    .isEqualTo("x");
            assertThat(valueIn(west, "writes-journal", "batched")).isEqualTo("b");
            assertThat(valueIn(west, "writes-journal", "doomed")).isNull();
        });
        assertThat(replication.replicatedCount()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void theLaterWriteWinsInBothRegionsAndNothingIsSentBack() throws Exception {
        create(east, "race-journal");
        create(west, "race-journal"); // as each region's apps do at start
        east.putItem(b -> b.tableName("race-journal").item(item("k", "from-east")));
        long eastWroteBy = System.currentTimeMillis();
        // The fronts stamp writes in milliseconds of this machine's clock: west's must come strictly later.
        await().atMost(Duration.ofSeconds(1)).until(() -> System.currentTimeMillis() > eastWroteBy);
        west.putItem(b -> b.tableName("race-journal").item(item("k", "from-west")));

        assertThat(replication.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
        // Anything bounced back would land within the lag: the later write must hold in both regions throughout.
        await().during(LAG.multipliedBy(2)).atMost(LAG.multipliedBy(4)).untilAsserted(() -> {
            assertThat(valueIn(east, "race-journal", "k")).isEqualTo("from-west");
            assertThat(valueIn(west, "race-journal", "k")).isEqualTo("from-west");
        });
        assertThat(replication.lagMillis()).isZero();
    }

    @Test
    void tablesThatAreNotGlobalStayInTheirRegion() {
        create(east, "local-leases");
        create(west, "local-leases");
        east.putItem(b -> b.tableName("local-leases").item(item("k", "east-only")));
        await().during(LAG.multipliedBy(3))
                .atMost(LAG.multipliedBy(5))
                .until(() -> valueIn(west, "local-leases", "k") == null);
    }

    @Test
    void aStronglyConsistentTableIsInEveryRegionAndSoIsEachWriteWhenItReturns() {
        create(west, "sends-ledger");
        assertThat(east.listTables().tableNames())
                .as("created with its replica")
                .contains("sends-ledger");

        east.putItem(b -> b.tableName("sends-ledger").item(item("a", "1")));
        assertThat(valueIn(west, "sends-ledger", "a")).as("no lag").isEqualTo("1");
        west.putItem(b -> b.tableName("sends-ledger").item(item("b", "2")));
        assertThat(valueIn(east, "sends-ledger", "b")).isEqualTo("2");
    }

    @Test
    void aFailedConditionalWriteReturnsTheItemThatFailedItWhenAskedTo() {
        create(east, "conditions-journal");
        east.putItem(b -> b.tableName("conditions-journal").item(item("k", "first")));

        assertThatThrownBy(() -> east.putItem(b -> b.tableName("conditions-journal")
                        .item(item("k", "second"))
                        .conditionExpression("attribute_not_exists(pk)")
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(
                        ConditionalCheckFailedException.class,
                        failed -> assertThat(failed.item().get("value").s()).isEqualTo("first"));
        assertThatThrownBy(() -> east.putItem(b -> b.tableName("conditions-journal")
                        .item(item("k", "third"))
                        .conditionExpression("attribute_not_exists(pk)")))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, failed -> assertThat(failed.hasItem())
                        .isFalse());
        assertThat(valueIn(east, "conditions-journal", "k")).isEqualTo("first");
    }

    @Test
    void anUpdateAnswersWhatTheClientAskedForWhileItsNewItemReplicates() {
        create(east, "answers-journal");
        east.putItem(b -> b.tableName("answers-journal").item(item("k", "old")));
        var answer = east.updateItem(b -> b.tableName("answers-journal")
                .key(key("k"))
                .updateExpression("SET #v = :v")
                .expressionAttributeNames(Map.of("#v", "value"))
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("new")))
                .returnValues(ReturnValue.UPDATED_OLD));
        assertThat(answer.attributes().get("value").s()).isEqualTo("old");
        await().atMost(Duration.ofSeconds(10)).until(() -> "new".equals(valueIn(west, "answers-journal", "k")));
    }

    /**
     * A burst larger than one BatchWriteItem, with one item written several times within the lag (a batch must never
     * hold an item twice, and the item's writes must land in order).
     */
    @Test
    void aBurstReplicatesEveryItemWithEachItemsLastWrite() {
        create(east, "burst-journal");
        long before = replication.replicatedCount();

        for (int i = 0; i < 60; i++) {
            String key = "k" + i;
            east.putItem(b -> b.tableName("burst-journal").item(item(key, "v")));
            if (i % 10 == 0) {
                String version = "v" + i;
                east.putItem(b -> b.tableName("burst-journal").item(item("hot", version)));
            }
        }
        east.deleteItem(b -> b.tableName("burst-journal").key(key("k7")));

        // All at once: 60 items can also be the moment before the last put and the delete both arrived.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(west.scan(b -> b.tableName("burst-journal")).count()).isEqualTo(60);
            assertThat(valueIn(west, "burst-journal", "k59")).isEqualTo("v");
            assertThat(valueIn(west, "burst-journal", "hot")).isEqualTo("v50");
            assertThat(valueIn(west, "burst-journal", "k7")).isNull();
        });
        assertThat(replication.replicatedCount() - before).isGreaterThanOrEqualTo(67);
    }

    /** Its own regions: losing one stops its replication for the rest of the run. */
    @Test
    void aLostRegionsUnreplicatedWritesAreGoneAndCounted() throws Exception {
        try (Dynalite lostFront = Dynalite.start("node", 0, dir.resolve("lost.log"));
                Dynalite survivorFront = Dynalite.start("node", 0, dir.resolve("survivor.log"));
                GlobalTableReplicator slow = GlobalTableReplicator.start(
                        Map.of(EAST, lostFront, WEST, survivorFront),
                        new GlobalTableReplicator.Settings(
                                Duration.ofMinutes(10), Pattern.compile("lost-.*"), null, Duration.ofMillis(50)));
                DynamoDbClient lost = client(lostFront, EAST);
                DynamoDbClient survivor = client(survivorFront, WEST)) {
            create(lost, "lost-journal");
            awaitActive(survivor, "lost-journal"); // the replicator creates the replica
            lost.putItem(b -> b.tableName("lost-journal").item(item("k1", "tail")));
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.lagMillis() > 0);
            // Written just before the loss: logged by the region, not yet read by the replicator; lost all the same.
            lost.putItem(b -> b.tableName("lost-journal").item(item("k2", "tail")));

            GlobalTableReplicator.RegionLoss loss = slow.loseRegion(EAST);
            assertThat(loss.writes()).isEqualTo(2);
            assertThat(loss.oldestMillis()).as("the tail's age").isPositive();
            assertThat(slow.lagMillis()).isZero();
            assertThat(valueIn(survivor, "lost-journal", "k1")).isNull();

            // Restored, the region's new writes flow again (after the lag); the dropped tail stays behind.
            slow.restoreRegion(EAST);
            lost.putItem(b -> b.tableName("lost-journal").item(item("k3", "after")));
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.lagMillis() > 0);
            assertThat(slow.loseRegion(EAST).writes())
                    .as("pending again once restored")
                    .isEqualTo(1);
        }
    }

    private static DynamoDbClient client(Dynalite front, String region) {
        return DynamoDbClient.builder()
                .endpointOverride(front.endpoint())
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }
}
