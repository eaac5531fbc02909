package io.tradewind.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tradewind.localaws.arc.ControlPanelSpec;
import io.tradewind.localaws.dynamodb.GlobalTableReplicator;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.localaws.kinesis.Kinesalite;
import io.tradewind.localaws.mq.EmbeddedBroker;
import io.tradewind.localaws.postgres.PostgresReplicator;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;
import software.amazon.awssdk.services.route53recoverycluster.model.ConflictException;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControlState;
import software.amazon.awssdk.services.route53recoverycluster.model.UpdateRoutingControlStateEntry;

/** Every emulator of both regions answers its real client, and the regions hold separate data. */
@ExtendWith(LocalAwsExtension.class)
class LocalAwsIT {
    private static final StaticCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    @BeforeAll
    static void kinesaliteSpeaksJsonOnly() {
        System.setProperty("aws.cborEnabled", "false");
    }

    @Test
    void eachRegionHasItsOwnBrokerThatDeliversPersistentMessages(LocalAws aws) throws Exception {
        for (EmulatedRegion region : aws.regions()) {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(region.brokerUri());
            try (Connection connection = factory.createConnection()) {
                connection.start();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                session.createProducer(session.createQueue("probe")).send(session.createTextMessage(region.name()));
                session.commit();
                MessageConsumer consumer = session.createConsumer(session.createQueue("probe"));
                TextMessage received = (TextMessage) consumer.receive(5_000);
                session.commit();
                assertThat(received.getText()).isEqualTo(region.name());
            }
        }
    }

    @Test
    void eachRegionHasItsOwnKinesis(LocalAws aws) {
        EmulatedRegion east = aws.region(LocalAwsConfig.PRIMARY_REGION);
        EmulatedRegion west = aws.region(LocalAwsConfig.SECONDARY_REGION);
        try (KinesisClient eastKinesis = kinesis(east);
                KinesisClient westKinesis = kinesis(west)) {
            eastKinesis.createStream(b -> b.streamName("probe-east").shardCount(2));
            assertThat(eastKinesis
                            .describeStreamSummary(b -> b.streamName("probe-east"))
                            .streamDescriptionSummary()
                            .streamStatus())
                    .isIn(StreamStatus.ACTIVE, StreamStatus.CREATING);
            eastKinesis.putRecord(
                    b -> b.streamName("probe-east").partitionKey("k").data(SdkBytes.fromUtf8String("x")));
            assertThat(westKinesis.listStreams().streamNames()).doesNotContain("probe-east");
        }
    }

    @Test
    void eachRegionHasItsOwnDynamoDb(LocalAws aws) {
        try (DynamoDbClient east = dynamoDb(aws.region(LocalAwsConfig.PRIMARY_REGION));
                DynamoDbClient west = dynamoDb(aws.region(LocalAwsConfig.SECONDARY_REGION))) {
            createTable(east, "probe");
            assertThat(east.listTables().tableNames()).contains("probe");
            assertThat(west.listTables().tableNames()).doesNotContain("probe");
        }
    }

    @Test
    void globalTablesReachTheOtherRegionAfterTheLagAndTheLaterWriteWins(LocalAws aws) throws Exception {
        GlobalTableReplicator replication = aws.dynamoDbReplication().orElseThrow();
        try (DynamoDbClient east = dynamoDb(aws.region(LocalAwsConfig.PRIMARY_REGION));
                DynamoDbClient west = dynamoDb(aws.region(LocalAwsConfig.SECONDARY_REGION))) {
            createReplicatedTable(east, west, "probe-inbound-journal");

            long putAt = System.nanoTime();
            east.putItem(b -> b.tableName("probe-inbound-journal").item(item("k1", "from-east")));
            await().atMost(Duration.ofSeconds(30)).until(() -> valueIn(west, "probe-inbound-journal", "k1") != null);
            assertThat(Duration.ofNanos(System.nanoTime() - putAt))
                    .as("a write reaches the other region no sooner than the lag")
                    .isGreaterThanOrEqualTo(replication.lag().minusMillis(50));
            assertThat(valueIn(west, "probe-inbound-journal", "k1")).isEqualTo("from-east");

            west.putItem(b -> b.tableName("probe-inbound-journal").item(item("k1", "from-west")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "from-west".equals(valueIn(east, "probe-inbound-journal", "k1")));
            assertThat(replication.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            assertThat(valueIn(west, "probe-inbound-journal", "k1"))
                    .as("not bounced back as an older write")
                    .isEqualTo("from-west");
            assertThat(replication.lagMillis()).isZero();

            east.deleteItem(b -> b.tableName("probe-inbound-journal").key(Map.of("pk", AttributeValue.fromS("k1"))));
            await().atMost(Duration.ofSeconds(30)).until(() -> valueIn(west, "probe-inbound-journal", "k1") == null);
        }
    }

    /**
     * A burst larger than one BatchWriteItem, with one item written several times within the lag (a batch must never
     * hold an item twice, and the item's writes must land in order).
     */
    @Test
    void aBurstReplicatesEveryItemWithEachItemsLastWrite(LocalAws aws) {
        GlobalTableReplicator replication = aws.dynamoDbReplication().orElseThrow();
        try (DynamoDbClient east = dynamoDb(aws.region(LocalAwsConfig.PRIMARY_REGION));
                DynamoDbClient west = dynamoDb(aws.region(LocalAwsConfig.SECONDARY_REGION))) {
            createReplicatedTable(east, west, "burst-sent-log");
            long before = replication.replicatedCount();

            for (int i = 0; i < 60; i++) {
                String key = "k" + i;
                east.putItem(b -> b.tableName("burst-sent-log").item(item(key, "v")));
                if (i % 10 == 0) {
                    String version = "v" + i;
                    east.putItem(b -> b.tableName("burst-sent-log").item(item("hot", version)));
                }
            }
            east.deleteItem(b -> b.tableName("burst-sent-log").key(Map.of("pk", AttributeValue.fromS("k7"))));

            // All at once: 60 items can also be the moment before the last put and the delete both arrived.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(west.scan(b -> b.tableName("burst-sent-log")).count())
                        .isEqualTo(60);
                assertThat(valueIn(west, "burst-sent-log", "k59")).isEqualTo("v");
                assertThat(valueIn(west, "burst-sent-log", "hot")).isEqualTo("v50");
                assertThat(valueIn(west, "burst-sent-log", "k7")).isNull();
            });
            assertThat(replication.replicatedCount() - before).isGreaterThanOrEqualTo(67);
        }
    }

    /**
     * As the apps do: each region creates the table at start-up, empty, and writes come later. DynamoDB Local's
     * iterator on an empty stream shard goes stale once records arrive; replication must still carry them.
     */
    @Test
    void writesToATableBothRegionsCreatedEmptyReplicate(LocalAws aws) throws Exception {
        try (DynamoDbClient east = dynamoDb(aws.region(LocalAwsConfig.PRIMARY_REGION));
                DynamoDbClient west = dynamoDb(aws.region(LocalAwsConfig.SECONDARY_REGION))) {
            createTable(east, "empty-first-inbound-journal");
            createTable(west, "empty-first-inbound-journal");
            // Time passes on purpose: the replicator finds both tables and reads their still empty streams.
            await().pollDelay(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> true);
            for (int i = 0; i < 3; i++) {
                String key = "k" + i;
                east.putItem(b -> b.tableName("empty-first-inbound-journal").item(item(key, "east")));
            }
            west.putItem(b -> b.tableName("empty-first-inbound-journal").item(item("w", "west")));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(west.scan(b -> b.tableName("empty-first-inbound-journal"))
                                    .count())
                            .isEqualTo(4));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(east.scan(b -> b.tableName("empty-first-inbound-journal"))
                                    .count())
                            .isEqualTo(4));
        }
    }

    @Test
    void aLostRegionsUnreplicatedWritesAreGone(LocalAws aws) throws Exception {
        EmulatedRegion eastRegion = aws.region(LocalAwsConfig.PRIMARY_REGION);
        EmulatedRegion westRegion = aws.region(LocalAwsConfig.SECONDARY_REGION);
        try (DynamoDbClient east = dynamoDb(eastRegion);
                DynamoDbClient west = dynamoDb(westRegion);
                GlobalTableReplicator slow = GlobalTableReplicator.start(
                        Map.of(
                                eastRegion.name(),
                                eastRegion.dynamoDbEndpoint(),
                                westRegion.name(),
                                westRegion.dynamoDbEndpoint()),
                        new GlobalTableReplicator.Settings(
                                Duration.ofMinutes(10), Pattern.compile("lost-.*"), Duration.ofMillis(50)))) {
            createReplicatedTable(east, west, "lost-journal");
            east.putItem(b -> b.tableName("lost-journal").item(item("k2", "tail")));
            await().atMost(Duration.ofSeconds(30)).until(() -> slow.lagMillis() > 0);

            GlobalTableReplicator.RegionLoss loss = slow.loseRegion(eastRegion.name());
            assertThat(loss.writes()).isEqualTo(1);
            assertThat(loss.oldestMillis()).as("the tail's age").isPositive();
            assertThat(slow.lagMillis()).isZero();
            assertThat(west.getItem(b -> b.tableName("lost-journal").key(Map.of("pk", AttributeValue.fromS("k2"))))
                            .hasItem())
                    .isFalse();

            // Restored, the region's new writes flow again (after the lag); the dropped tail stays behind.
            slow.restoreRegion(eastRegion.name());
            east.putItem(b -> b.tableName("lost-journal").item(item("k3", "after")));
            await().atMost(Duration.ofSeconds(30)).until(() -> slow.lagMillis() > 0);
            assertThat(slow.loseRegion(eastRegion.name()).writes())
                    .as("pending again once restored")
                    .isEqualTo(1);
        }
    }

    @Test
    void aKilledBrokerComesBackWithWhatItHeldAndMirrorsItsQueues(LocalAws aws) throws Exception {
        EmulatedRegion region = aws.region(LocalAwsConfig.SECONDARY_REGION);
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(region.brokerUri());
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session watching = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer mirror =
                    watching.createConsumer(watching.createTopic(EmbeddedBroker.mirrorOf("kept-on-kill")));
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            session.createProducer(session.createQueue("kept-on-kill")).send(session.createTextMessage("held"));
            session.commit();
            assertThat(((TextMessage) mirror.receive(5_000)).getText()).isEqualTo("held");
        }

        region.broker().close();
        assertThat(region.broker().isRunning()).isFalse();
        region.broker().restart();

        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            TextMessage kept = (TextMessage)
                    session.createConsumer(session.createQueue("kept-on-kill")).receive(5_000);
            session.commit();
            assertThat(kept.getText()).isEqualTo("held");
        }
    }

    @Test
    void postgresReplicatesToTheStandbyAndSwitchesOverWithoutLossOrFailsOverLosingTheTail(LocalAws aws)
            throws Exception {
        EmulatedRegion east = aws.region(LocalAwsConfig.PRIMARY_REGION);
        EmulatedRegion west = aws.region(LocalAwsConfig.SECONDARY_REGION);
        for (EmulatedRegion region : List.of(east, west))
            sql(
                    region,
                    "CREATE SCHEMA probe_repl",
                    "CREATE TABLE probe_repl.parent (id bigserial PRIMARY KEY, name text NOT NULL)",
                    "CREATE TABLE probe_repl.child (parent_id bigint REFERENCES probe_repl.parent (id),"
                            + " n int, PRIMARY KEY (parent_id, n))");
        try (PostgresReplicator replication = PostgresReplicator.start(
                List.of(database(east), database(west)),
                east.name(),
                new PostgresReplicator.Settings(
                        "probe", Duration.ofMillis(300), Pattern.compile("probe_repl"), Duration.ofMillis(50)))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> triggersIn(east, "tw_replicate_probe") == 2);
            long writtenAt = System.nanoTime();
            sql(
                    east,
                    "INSERT INTO probe_repl.parent (name) VALUES ('a'), ('b')",
                    "INSERT INTO probe_repl.child VALUES (1, 1), (1, 2), (2, 1)");
            await().atMost(Duration.ofSeconds(10)).until(() -> count(west, "probe_repl.child") == 3);
            assertThat(Duration.ofNanos(System.nanoTime() - writtenAt)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            // The standby is read-only, as an Aurora secondary: only replication writes to it.
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> assertRefusesWrites(west, "INSERT INTO probe_repl.parent (name) VALUES ('x')"));
            assertRefusesWrites(west, "DELETE FROM probe_repl.child");
            assertRefusesWrites(west, "TRUNCATE probe_repl.child");
            sql(
                    east,
                    "UPDATE probe_repl.parent SET name = 'a2' WHERE id = 1",
                    "DELETE FROM probe_repl.child WHERE n = 2");
            await().atMost(Duration.ofSeconds(10)).until(() -> count(west, "probe_repl.child") == 2);
            assertThat(queryText(west, "SELECT name FROM probe_repl.parent WHERE id = 1"))
                    .isEqualTo("a2");

            // Several changes of one row within one lag apply as their last: updated twice, deleted, re-inserted.
            sql(
                    east,
                    "UPDATE probe_repl.parent SET name = 'b2' WHERE id = 2",
                    "UPDATE probe_repl.parent SET name = 'b3' WHERE id = 2",
                    "INSERT INTO probe_repl.child VALUES (2, 7)",
                    "DELETE FROM probe_repl.child WHERE parent_id = 2 AND n = 7",
                    "DELETE FROM probe_repl.child WHERE parent_id = 2 AND n = 1",
                    "INSERT INTO probe_repl.child VALUES (2, 1)");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "b3".equals(queryText(west, "SELECT name FROM probe_repl.parent WHERE id = 2")));
            assertThat(queryText(
                            west,
                            "SELECT string_agg(parent_id || '/' || n, ',' ORDER BY parent_id, n)"
                                    + " FROM probe_repl.child"))
                    .isEqualTo("1/1,2/1");

            // Planned: nothing in flight is lost, and the new writer's sequences continue past what it received.
            sql(east, "INSERT INTO probe_repl.parent (name) VALUES ('c')");
            assertThat(replication.switchover(west.name(), Duration.ofSeconds(10)))
                    .isTrue();
            assertThat(count(west, "probe_repl.parent")).isEqualTo(3);
            sql(west, "INSERT INTO probe_repl.parent (name) VALUES ('from-west')");
            assertThat(queryText(west, "SELECT max(id)::text FROM probe_repl.parent"))
                    .isEqualTo("4");
            await().atMost(Duration.ofSeconds(10)).until(() -> count(east, "probe_repl.parent") == 4);
            assertRefusesWrites(east, "UPDATE probe_repl.parent SET name = 'late' WHERE id = 1");

            // Unplanned: what the lost writer had not shipped is gone, and counted; cut off, it ships nothing more.
            replication.isolateWriter();
            sql(west, "INSERT INTO probe_repl.parent (name) VALUES ('tail')");
            await().pollDelay(Duration.ofMillis(600))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> true);
            assertThat(count(east, "probe_repl.parent"))
                    .as("nothing ships from an isolated writer")
                    .isEqualTo(4);
            PostgresReplicator.FailoverResult lost = replication.failover(east.name());
            assertThat(lost.lostChanges()).isGreaterThanOrEqualTo(1);
            assertThat(lost.lostMillis()).isPositive();
            await().pollDelay(Duration.ofMillis(600))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> true);
            assertThat(count(east, "probe_repl.parent")).isEqualTo(4);
            assertThat(replication.writer()).isEqualTo(east.name());
            sql(east, "INSERT INTO probe_repl.child VALUES (4, 1)");
            assertRefusesWrites(west, "INSERT INTO probe_repl.child VALUES (4, 2)");
        }
    }

    private static void assertRefusesWrites(EmulatedRegion region, String statement) {
        assertThatThrownBy(() -> sql(region, statement))
                .isInstanceOfSatisfying(
                        SQLException.class,
                        e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("25006"))
                .hasMessageContaining("read-only standby");
    }

    private static PostgresReplicator.Database database(EmulatedRegion region) {
        return new PostgresReplicator.Database(
                region.name(), region.postgresJdbcUrl(), region.postgresUser(), region.postgresPassword());
    }

    private static void sql(EmulatedRegion region, String... statements) throws Exception {
        try (var connection = DriverManager.getConnection(
                        region.postgresJdbcUrl(), region.postgresUser(), region.postgresPassword());
                var statement = connection.createStatement()) {
            for (String sql : statements) statement.execute(sql);
        }
    }

    private static String queryText(EmulatedRegion region, String query) throws Exception {
        try (var connection = DriverManager.getConnection(
                        region.postgresJdbcUrl(), region.postgresUser(), region.postgresPassword());
                var rows = connection.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static int count(EmulatedRegion region, String table) throws Exception {
        return Integer.parseInt(queryText(region, "SELECT count(*)::text FROM " + table));
    }

    private static int triggersIn(EmulatedRegion region, String trigger) throws Exception {
        return Integer.parseInt(queryText(
                region,
                "SELECT count(*)::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n"
                        + " ON n.oid = c.relnamespace WHERE n.nspname = 'probe_repl' AND t.tgname = '" + trigger
                        + "'"));
    }

    /** Creates a table in {@code east} and waits until replication has created it in {@code west} too. */
    private static void createReplicatedTable(DynamoDbClient east, DynamoDbClient west, String name) {
        createTable(east, name);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> west.listTables().tableNames().contains(name));
    }

    private static void createTable(DynamoDbClient dynamoDb, String name) {
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
    }

    private static Map<String, AttributeValue> item(String key, String value) {
        return Map.of("pk", AttributeValue.fromS(key), "value", AttributeValue.fromS(value));
    }

    private static String valueIn(DynamoDbClient dynamoDb, String table, String key) {
        var response = dynamoDb.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(key))));
        return response.hasItem() ? response.item().get("value").s() : null;
    }

    @Test
    void eachRegionHasItsOwnPostgres(LocalAws aws) throws Exception {
        EmulatedRegion east = aws.region(LocalAwsConfig.PRIMARY_REGION);
        EmulatedRegion west = aws.region(LocalAwsConfig.SECONDARY_REGION);
        assertThat(east.postgresJdbcUrl()).isNotEqualTo(west.postgresJdbcUrl());
        try (var connection =
                DriverManager.getConnection(east.postgresJdbcUrl(), east.postgresUser(), east.postgresPassword())) {
            connection.createStatement().execute("CREATE TABLE probe (id int primary key)");
        }
        try (var connection = DriverManager.getConnection(
                        west.postgresJdbcUrl(), west.postgresUser(), west.postgresPassword());
                ResultSet tables = connection
                        .createStatement()
                        .executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'probe'")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
    }

    @Test
    void arcEndpointsAnswerTheSdkAndRefuseTwoActiveRegions(LocalAws aws) {
        String east =
                aws.arc().routingControlArn(ControlPanelSpec.controlName("trade-matching", "processing", "us-east-1"));
        String west =
                aws.arc().routingControlArn(ControlPanelSpec.controlName("trade-matching", "processing", "us-west-2"));
        for (URI endpoint : aws.arc().endpoints()) {
            try (Route53RecoveryClusterClient arc = Route53RecoveryClusterClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(DUMMY)
                    .build()) {
                assertThat(arc.getRoutingControlState(b -> b.routingControlArn(east))
                                .routingControlState())
                        .isEqualTo(RoutingControlState.ON);
                assertThatThrownBy(() -> arc.updateRoutingControlState(
                                b -> b.routingControlArn(west).routingControlState(RoutingControlState.ON)))
                        .isInstanceOf(ConflictException.class)
                        .hasMessageContaining("trade-matching-processing-at-most-one-region");
                assertThat(arc.listRoutingControlsPaginator(b -> b.maxResults(3)).routingControls().stream()
                                .count())
                        .isEqualTo(aws.arc().cluster().routingControls().size());
            }
        }
        // A rotation turns the source off and the target on in one call, which the rule allows.
        try (Route53RecoveryClusterClient arc = Route53RecoveryClusterClient.builder()
                .endpointOverride(aws.arc().endpoints().get(0))
                .region(Region.US_EAST_1)
                .credentialsProvider(DUMMY)
                .build()) {
            arc.updateRoutingControlStates(b -> b.updateRoutingControlStateEntries(
                    entry(east, RoutingControlState.OFF), entry(west, RoutingControlState.ON)));
            assertThat(arc.getRoutingControlState(b -> b.routingControlArn(west))
                            .routingControlState())
                    .isEqualTo(RoutingControlState.ON);
            arc.updateRoutingControlStates(b -> b.updateRoutingControlStateEntries(
                    entry(west, RoutingControlState.OFF), entry(east, RoutingControlState.ON)));
        }
    }

    @Test
    void kinesaliteProcessEndsWhenClosed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Kinesalite kinesalite = Kinesalite.start("node", 0, dir.resolve("k.log"));
        assertThat(kinesalite.isRunning()).isTrue();
        kinesalite.close();
        assertThat(kinesalite.isRunning()).isFalse();
    }

    private static UpdateRoutingControlStateEntry entry(String arn, RoutingControlState state) {
        return UpdateRoutingControlStateEntry.builder()
                .routingControlArn(arn)
                .routingControlState(state)
                .build();
    }

    private static KinesisClient kinesis(EmulatedRegion region) {
        return KinesisClient.builder()
                .endpointOverride(region.kinesisEndpoint())
                .region(Region.of(region.name()))
                .credentialsProvider(DUMMY)
                .build();
    }

    private static DynamoDbClient dynamoDb(EmulatedRegion region) {
        return DynamoDbClient.builder()
                .endpointOverride(region.dynamoDbEndpoint())
                .region(Region.of(region.name()))
                .credentialsProvider(DUMMY)
                .build();
    }
}
