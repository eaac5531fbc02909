package io.tradewind.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tradewind.localaws.dynamodb.Dynalite;
import io.tradewind.localaws.dynamodb.GlobalTableReplicator;
import io.tradewind.localaws.dynamodb.ProbeTables;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.localaws.junit.TestLogins;
import io.tradewind.localaws.kinesis.Kinesalite;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.localaws.mq.EmbeddedBroker;
import io.tradewind.localaws.postgres.PostgresReplicator;
import io.tradewind.model.participant.BrokerAccessPolicy;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.App;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    /** Its queues are outside the wire contract: a user that may use any destination. */
    private static BrokerLogin tester(LocalAws aws) {
        return TestLogins.unrestricted(aws, "local-aws-it");
    }

    @Test
    void givesEveryServiceALoginOnEveryBrokerInAnOwnerOnlyCredentialsFile(LocalAws aws) throws Exception {
        Path file = aws.credentials().file();
        assertThat(file.getFileName().toString()).isEqualTo(SandboxCredentials.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Map<String, String> passwords = SandboxCredentials.read(file);
        for (ServiceIdentity service : ServiceIdentity.values()) {
            assertThat(passwords)
                    .containsEntry(service.user(), aws.login(service).password());
            for (EmulatedRegion region : aws.regions())
                assertThat(region.broker().groupsOf(service.user())).contains(BrokerAccessPolicy.groupsOf(service));
        }
        Map<String, Object> properties =
                ServiceProperties.forRegion(aws, LocalAwsConfig.PRIMARY_REGION, "settlement-matching");
        assertThat(properties)
                .containsEntry("tradewind.mq.username", "settlement-matching")
                .containsEntry(
                        "tradewind.mq.password",
                        aws.login(ServiceIdentity.SETTLEMENT_MATCHING).password());
        assertThat(ServiceProperties.forRegion(aws, LocalAwsConfig.PRIMARY_REGION, "ops-console"))
                .containsEntry("tradewind.mq.username", "ops-console");
    }

    @Test
    void eachRegionHasItsOwnBrokerThatDeliversPersistentMessages(LocalAws aws) throws Exception {
        for (EmulatedRegion region : aws.regions()) {
            ActiveMQConnectionFactory factory = QueueProbe.broker(region.brokerUri(), tester(aws));
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
            ProbeTables.create(east, "probe");
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
            east.putItem(b -> b.tableName("probe-inbound-journal").item(ProbeTables.item("k1", "from-east")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ProbeTables.valueIn(west, "probe-inbound-journal", "k1") != null);
            assertThat(Duration.ofNanos(System.nanoTime() - putAt))
                    .as("a write reaches the other region no sooner than the lag")
                    .isGreaterThanOrEqualTo(replication.lag().minusMillis(50));
            assertThat(ProbeTables.valueIn(west, "probe-inbound-journal", "k1")).isEqualTo("from-east");

            west.putItem(b -> b.tableName("probe-inbound-journal").item(ProbeTables.item("k1", "from-west")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "from-west".equals(ProbeTables.valueIn(east, "probe-inbound-journal", "k1")));
            assertThat(replication.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
            assertThat(ProbeTables.valueIn(west, "probe-inbound-journal", "k1"))
                    .as("not bounced back as an older write")
                    .isEqualTo("from-west");
            assertThat(replication.lagMillis()).isZero();

            east.deleteItem(b -> b.tableName("probe-inbound-journal").key(ProbeTables.key("k1")));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> ProbeTables.valueIn(west, "probe-inbound-journal", "k1") == null);
        }
    }

    @Test
    void aKilledBrokerComesBackWithWhatItHeldAndMirrorsItsQueues(LocalAws aws) throws Exception {
        EmulatedRegion region = aws.region(LocalAwsConfig.SECONDARY_REGION);
        ActiveMQConnectionFactory factory = QueueProbe.broker(region.brokerUri(), tester(aws));
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
            // Each statement is a transaction of its own, replicated in turn: wait for the last one, not the parent's.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(queryText(west, "SELECT name FROM probe_repl.parent WHERE id = 2"))
                        .isEqualTo("b3");
                assertThat(queryText(
                                west,
                                "SELECT string_agg(parent_id || '/' || n, ',' ORDER BY parent_id, n)"
                                        + " FROM probe_repl.child"))
                        .isEqualTo("1/1,2/1");
            });

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
        ProbeTables.create(east, name);
        ProbeTables.awaitActive(west, name);
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
        String east = aws.arc().routingControlArn(App.TRADE_MATCHING.processingControl("us-east-1"));
        String west = aws.arc().routingControlArn(App.TRADE_MATCHING.processingControl("us-west-2"));
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
    void nodeEmulatorProcessesEndWhenClosed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Kinesalite kinesalite = Kinesalite.start("node", 0, dir.resolve("k.log"));
        Dynalite dynalite = Dynalite.start("node", 0, dir.resolve("d.log"));
        assertThat(kinesalite.isRunning()).isTrue();
        assertThat(dynalite.isRunning()).isTrue();
        kinesalite.close();
        dynalite.close();
        assertThat(kinesalite.isRunning()).isFalse();
        assertThat(dynalite.isRunning()).isFalse();
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
