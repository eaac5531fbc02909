package io.tradewind.opsconsole.cli;

import static io.tradewind.localaws.LocalAwsConfig.PRIMARY_REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.arc.RoutingControlState;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.topology.Stages;
import io.tradewind.opsconsole.cli.ConsoleAgainstEmulators.Result;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.provisioning.Provisioner;
import io.tradewind.platform.quarantine.PostgresQuarantine;
import io.tradewind.platform.quarantine.QuarantinedInput;
import io.tradewind.platform.resilience.DependencyGuard;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The quarantine commands against the emulators: both apps' databases migrated by the apps' own Flyway migrations in
 * both regions (as the apps do at start), entries written by the platform's {@link PostgresQuarantine}, listed, shown
 * and replayed by the command line into trade-matching's active region (us-east-1, as local AWS starts), then read
 * back from the stream and the queue.
 */
@ExtendWith(LocalAwsExtension.class)
class QuarantineCommandIT {
    private static final String TRADE =
            "{\"messageId\":\"BRK001-0000001\",\"senderId\":\"BRK001\",\"tradeRef\":\"BRK001-T42\",\"quantity\":1000,"
                    + "\"price\":\"187.2500\",\"note\":\"Zürich\"}";
    private static final byte[] NOT_UTF8 = {'{', (byte) 0xC3, (byte) 0x28, '}'};
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private static final String STREAM_ENTRY = "ingestion|shardId-000000000000|49650000000000000001";
    private static final String GATEWAY_ENTRY = "inbound-gateway|BRK001|BRK001-0000001";
    private static final String BYTES_ENTRY = "inbound-gateway|SM|confirmation-7";
    private static final String UNKNOWN_STAGE_ENTRY = "settlement|trade-matching-settlement|1";
    private static final String INACTIVE_ENTRY = "matching|shardId-000000000000|49650000000000000005";
    private static final String SETTLEMENT_ENTRY = "matching|shardId-000000000000|49650000000000000009";
    private static final String PARTITION_KEY = "BRK001|IM042|BUY|US0378331005|2026-11-20|1000";

    private static Path topology;
    private static Path credentials;
    private static KinesisClient kinesis;
    private static final Map<String, DataSource> EAST = new LinkedHashMap<>();

    @BeforeAll
    static void theAppsMigrateTheirDatabasesAndQuarantineSixInputs(LocalAws aws, @TempDir Path dir) throws Exception {
        for (EmulatedRegion region : aws.regions())
            for (String app : List.of(App.TRADE_MATCHING.id(), App.SETTLEMENT_MATCHING.id())) {
                DataSource migrated = migrate(region, app);
                if (region.name().equals(PRIMARY_REGION)) EAST.put(app, migrated);
            }
        EmulatedRegion east = aws.region(PRIMARY_REGION);
        kinesis = new AwsClientFactory(AwsSettings.local(east.name(), east.kinesisEndpoint(), east.dynamoDbEndpoint()))
                .kinesis();
        new Provisioner(kinesis, null).ensureStream(App.TRADE_MATCHING.streamInto(Stages.INGESTION), 1);

        hold(
                App.TRADE_MATCHING.id(),
                STREAM_ENTRY,
                Stages.INGESTION,
                App.TRADE_MATCHING.streamInto(Stages.INGESTION),
                PARTITION_KEY,
                TRADE.getBytes(StandardCharsets.UTF_8),
                NOW.minusSeconds(50));
        hold(
                App.TRADE_MATCHING.id(),
                GATEWAY_ENTRY,
                Stages.INBOUND_GATEWAY,
                Queues.TRADES_INBOUND,
                null,
                TRADE.getBytes(StandardCharsets.UTF_8),
                NOW.minusSeconds(40));
        hold(
                App.TRADE_MATCHING.id(),
                BYTES_ENTRY,
                Stages.INBOUND_GATEWAY,
                Queues.SETTLEMENTS_CONFIRMATIONS,
                null,
                NOT_UTF8,
                NOW.minusSeconds(30));
        hold(
                App.TRADE_MATCHING.id(),
                UNKNOWN_STAGE_ENTRY,
                "settlement",
                "trade-matching-settlement",
                "k",
                "{}".getBytes(StandardCharsets.UTF_8),
                NOW.minusSeconds(20));
        hold(
                App.TRADE_MATCHING.id(),
                INACTIVE_ENTRY,
                Stages.MATCHING,
                App.TRADE_MATCHING.streamInto(Stages.MATCHING),
                "k",
                "{}".getBytes(StandardCharsets.UTF_8),
                NOW.minusSeconds(15));
        hold(
                App.SETTLEMENT_MATCHING.id(),
                SETTLEMENT_ENTRY,
                Stages.MATCHING,
                App.SETTLEMENT_MATCHING.streamInto(Stages.MATCHING),
                "ACC-1",
                "{\"instructionId\":\"I-1\"}".getBytes(StandardCharsets.UTF_8),
                NOW.minusSeconds(10));

        topology = dir.resolve("topology.json");
        credentials = aws.credentials().file();
        new ObjectMapper().writeValue(topology.toFile(), ConsoleAgainstEmulators.topologyOf(aws));
    }

    /**
     * The app's own migrations and the platform's, from their source trees, into the app's schema: as the app's Flyway
     * runs them at start.
     */
    private static DataSource migrate(EmulatedRegion region, String app) {
        String schema = app.replace('-', '_');
        Path migrations = Path.of(
                "..", app, "src/main/resources/io/tradewind", app.replace("-", ""), "adapter/postgres/migration");
        Path platformMigrations = Path.of("..", "platform", "src/main/resources/io/tradewind/platform/app/migration");
        assertThat(platformMigrations.resolve("V5__quarantine.sql")).exists();
        Flyway flyway = Flyway.configure()
                .dataSource(
                        region.postgresJdbcUrl() + "?currentSchema=" + schema,
                        region.postgresUser(),
                        region.postgresPassword())
                .schemas(schema)
                .defaultSchema(schema)
                .locations(
                        "filesystem:" + migrations.toAbsolutePath().normalize(),
                        "filesystem:" + platformMigrations.toAbsolutePath().normalize())
                .load();
        flyway.migrate();
        return flyway.getConfiguration().getDataSource();
    }

    private static void hold(
            String app, String id, String stage, String source, String partitionKey, byte[] payload, Instant at) {
        new PostgresQuarantine(EAST.get(app), DependencyGuard.forDependency("postgres"), new SimpleMeterRegistry())
                .hold(new QuarantinedInput(
                        id,
                        stage,
                        source,
                        partitionKey,
                        "REFUSED_BY_POSTGRES",
                        "SQLState 22001: value too long for type character varying(16)\nat line 2",
                        payload,
                        at));
    }

    @Test
    void listsBothAppsFromTheirWritersNewestFirstAndShowsOneEntryWithItsPayload() {
        Result all = run("quarantine", "list");

        assertThat(all.exit()).isZero();
        assertThat(all.out())
                .contains("read from trade-matching in us-east-1's database, settlement-matching in us-east-1's"
                        + " database");
        List<String> ids = new ArrayList<>();
        for (String line : all.out().lines().toList())
            for (String id : List.of(
                    STREAM_ENTRY, GATEWAY_ENTRY, BYTES_ENTRY, UNKNOWN_STAGE_ENTRY, INACTIVE_ENTRY, SETTLEMENT_ENTRY))
                if (line.startsWith(id + " ")) ids.add(id);
        assertThat(ids)
                .containsExactly(
                        SETTLEMENT_ENTRY,
                        INACTIVE_ENTRY,
                        UNKNOWN_STAGE_ENTRY,
                        BYTES_ENTRY,
                        GATEWAY_ENTRY,
                        STREAM_ENTRY);
        assertThat(all.out())
                .contains("SQLState 22001: value too long for type character varying(16)\uFFFDat line 2")
                .contains("6 of 6 entries");

        Result cut = run(
                "quarantine",
                "list",
                "--app",
                "trade-matching",
                "--since",
                NOW.minusSeconds(45).toString(),
                "--limit",
                "2");
        assertThat(cut.out())
                .contains(INACTIVE_ENTRY + " ", UNKNOWN_STAGE_ENTRY + " ", "2 of 4 entries, the newest")
                .doesNotContain(BYTES_ENTRY, SETTLEMENT_ENTRY);

        Result shown = run("quarantine", "show", STREAM_ENTRY, "--app", "trade-matching");
        assertThat(shown.exit()).isZero();
        assertThat(shown.out())
                .contains("partition key   " + PARTITION_KEY)
                .contains("payload         " + TRADE.getBytes(StandardCharsets.UTF_8).length + " bytes, UTF-8 text:")
                .contains(TRADE);
    }

    @Test
    void replaysAStreamEntryOntoItsStreamUnderItsPartitionKeyAndRecordsEachReplay() throws Exception {
        Instant before = Instant.now().minusSeconds(5); // the database's clock, not ours, sets replayed_at

        Result first = run("quarantine", "replay", STREAM_ENTRY, "--app", "trade-matching");
        Result second = run("quarantine", "replay", STREAM_ENTRY, "--app", "trade-matching");

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("into us-east-1, the active region")
                .contains("put onto stream trade-matching-ingestion under partition key " + PARTITION_KEY)
                .contains("recorded in us-east-1's database: replay 1 at")
                .contains("operator " + ConsoleAgainstEmulators.OPERATOR);
        assertThat(second.out()).contains("replay 2 at");
        List<Record> replayed = recordsOf(App.TRADE_MATCHING.streamInto(Stages.INGESTION));
        assertThat(replayed).hasSize(2).allSatisfy(record -> {
            assertThat(record.data().asByteArray()).isEqualTo(TRADE.getBytes(StandardCharsets.UTF_8));
            assertThat(record.partitionKey()).isEqualTo(PARTITION_KEY);
        });
        assertReplayed(App.TRADE_MATCHING.id(), STREAM_ENTRY, 2, before);
    }

    @Test
    void replaysAnInboundGatewayEntryOntoItsQueueAsTextAndBytesThatAreNotUtf8AsABytesMessage(LocalAws aws)
            throws Exception {
        Instant before = Instant.now().minusSeconds(5);
        // Trade matching's own consumers: they read both queues the replay sends to.
        ActiveMQConnectionFactory broker =
                QueueProbe.broker(aws.region(PRIMARY_REGION).brokerUri(), aws.login(ServiceIdentity.TRADE_MATCHING));
        try (Connection connection = broker.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var trades = session.createConsumer(session.createQueue(Queues.TRADES_INBOUND));
            var confirmations = session.createConsumer(session.createQueue(Queues.SETTLEMENTS_CONFIRMATIONS));
            // The broker is the JVM's: what an earlier test class posted there (a login check's "{}") is not a replay.
            for (var consumer : List.of(trades, confirmations)) while (consumer.receive(500) != null) {}

            Result text = run("quarantine", "replay", GATEWAY_ENTRY, "--app", "trade-matching");
            Result bytes = run("quarantine", "replay", BYTES_ENTRY, "--app", "trade-matching");

            assertThat(text.exit()).as(text.err()).isZero();
            assertThat(text.out()).contains("sent to queue trades.inbound as a TextMessage (JMS message id ID:");
            assertThat(bytes.out()).contains("sent to queue settlements.confirmations as a BytesMessage");
            Message trade = trades.receive(Duration.ofSeconds(10).toMillis());
            assertThat(trade).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) trade).getText()).isEqualTo(TRADE);
            Message confirmation = confirmations.receive(Duration.ofSeconds(10).toMillis());
            assertThat(confirmation).isInstanceOf(BytesMessage.class);
            byte[] body = new byte[(int) ((BytesMessage) confirmation).getBodyLength()];
            ((BytesMessage) confirmation).readBytes(body);
            assertThat(body).isEqualTo(NOT_UTF8);
            assertThat(trades.receive(500)).as("sent once").isNull();
        }
        assertReplayed(App.TRADE_MATCHING.id(), GATEWAY_ENTRY, 1, before);
        assertReplayed(App.TRADE_MATCHING.id(), BYTES_ENTRY, 1, before);
    }

    @Test
    void refusesAnUnknownIdAnUnknownStageAndAnAppWithoutAnActiveRegionAndRecordsNothing(LocalAws aws) throws Exception {
        Result unknown = run("quarantine", "replay", "no-such-entry", "--app", "trade-matching");
        Result unknownStage = run("quarantine", "replay", UNKNOWN_STAGE_ENTRY, "--app", "trade-matching");
        String processing = aws.arc().routingControlArn(App.TRADE_MATCHING.processingControl("us-east-1"));
        aws.arc().cluster().update(processing, RoutingControlState.OFF);
        Result inactive;
        try {
            inactive = run("quarantine", "replay", INACTIVE_ENTRY, "--app", "trade-matching");
        } finally {
            aws.arc().cluster().update(processing, RoutingControlState.ON);
        }

        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err())
                .contains("refused (UNKNOWN_ID): no entry no-such-entry in trade-matching's quarantine (us-east-1's"
                        + " database); nothing was replayed");
        assertThat(unknownStage.exit()).isEqualTo(1);
        assertThat(unknownStage.err())
                .contains("refused (UNKNOWN_STAGE): entry " + UNKNOWN_STAGE_ENTRY + " names stage 'settlement'");
        assertReplayed(App.TRADE_MATCHING.id(), UNKNOWN_STAGE_ENTRY, 0, null);
        assertThat(inactive.exit()).isEqualTo(1);
        assertThat(inactive.err())
                .contains("refused (NO_ACTIVE_REGION): trade-matching has no active region: no"
                        + " trade-matching-processing-<region> routing control is On in [us-east-1, us-west-2]");
        assertReplayed(App.TRADE_MATCHING.id(), INACTIVE_ENTRY, 0, null);
    }

    private static void assertReplayed(String app, String id, int count, Instant notBefore) throws Exception {
        try (var connection = EAST.get(app).getConnection();
                Statement select = connection.createStatement();
                ResultSet row = select.executeQuery("SELECT replay_count, replayed_at FROM quarantine"
                        + " WHERE quarantine_id = '" + id.replace("'", "''") + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getInt(1)).isEqualTo(count);
            java.sql.Timestamp at = row.getTimestamp(2);
            if (count == 0) assertThat(at).isNull();
            else assertThat(at.toInstant()).isBetween(notBefore, Instant.now().plusSeconds(5));
        }
    }

    /** Every record on the stream, read with plain GetRecords from the start of each shard. */
    private static List<Record> recordsOf(String stream) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(b -> b.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            while (iterator != null) {
                String from = iterator;
                var page = kinesis.getRecords(b -> b.shardIterator(from));
                records.addAll(page.records());
                if (page.records().isEmpty()) break;
                iterator = page.nextShardIterator();
            }
        }
        return records;
    }

    /** Runs the command line against the emulators' topology. */
    private static Result run(String... args) {
        List<String> withTopology = new ArrayList<>(List.of(args));
        withTopology.addAll(List.of("--topology", topology.toString(), "--credentials-file", credentials.toString()));
        // A replay changes something: the ITs' operator signs in for it.
        if (args[1].equals("replay"))
            withTopology.addAll(ConsoleAgainstEmulators.operatorLogin(topology.resolveSibling("quarantine-it-login")));
        return ConsoleAgainstEmulators.run(withTopology);
    }
}
