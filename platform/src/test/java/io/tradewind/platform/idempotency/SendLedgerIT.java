package io.tradewind.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.resilience.DependencyGuard;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The send ledger on two regions' emulated DynamoDB, whose send-ledger tables are strongly consistent across regions as
 * on AWS, and the recovery of a sent-log on a real PostgreSQL: what one region recorded is in the other's table when
 * the write returns, with no replication in between.
 */
@ExtendWith(LocalAwsExtension.class)
class SendLedgerIT {
    private static final Instant T = Instant.parse("2026-11-23T10:00:59.900Z");

    /** Named as the apps' ledgers are: the emulation makes {@code *-send-ledger} tables strongly consistent. */
    private final String table = "it" + System.nanoTime() + "-send-ledger";

    private final EmulatedRegion east;
    private final DynamoDbClient eastDynamoDb;
    private final DynamoDbClient westDynamoDb;
    private final List<AutoCloseable> closing = new ArrayList<>();

    SendLedgerIT(LocalAws aws) {
        east = aws.region(LocalAwsConfig.PRIMARY_REGION);
        EmulatedRegion west = aws.region(LocalAwsConfig.SECONDARY_REGION);
        eastDynamoDb = dynamoDb(east);
        westDynamoDb = dynamoDb(west);
    }

    private DynamoDbClient dynamoDb(EmulatedRegion region) {
        DynamoDbClient client = new AwsClientFactory(
                        AwsSettings.local(region.name(), region.kinesisEndpoint(), region.dynamoDbEndpoint()))
                .dynamoDb();
        closing.add(client);
        return client;
    }

    /** East's ledger: it creates the table, and so (the table being strongly consistent) west's too. */
    private DynamoDbSendLedger eastLedger() {
        DynamoDbSendLedger ledger = ledgerIn(eastDynamoDb);
        ledger.provision();
        return ledger;
    }

    /** West's own view of the same table, reading only west's DynamoDB. */
    private DynamoDbSendLedger westLedger() {
        return ledgerIn(westDynamoDb);
    }

    private DynamoDbSendLedger ledgerIn(DynamoDbClient dynamoDb) {
        return new DynamoDbSendLedger(table, dynamoDb, DependencyGuard.forDependency("dynamodb"), Duration.ofHours(1));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : closing) resource.close();
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    @Test
    void whatOneRegionRecordsIsInTheOtherRegionsTableWhenTheWriteReturns() {
        List<String> batch = ids("status", 2_500); // more than one entry's worth
        eastLedger().record(batch, T);

        assertThat(westLedger().sentBetween(T, T.plusMillis(1))).containsExactlyInAnyOrderElementsOf(batch);
    }

    @Test
    void whatTheOtherRegionRecordsIsInThisRegionsTableToo() {
        DynamoDbSendLedger east = eastLedger(); // creates the table in both regions
        westLedger().record(List.of("from-west"), T);

        assertThat(east.sentBetween(T, T.plusMillis(1))).containsExactly("from-west");
    }

    @Test
    void readsExactlyTheSendsFromSinceUpToButNotIncludingUntilAcrossMinutes() {
        DynamoDbSendLedger ledger = eastLedger();
        ledger.record(List.of("before"), T.minusSeconds(90));
        ledger.record(List.of("at-since"), T.minusSeconds(30));
        ledger.record(List.of("end-of-minute"), T); // 10:00:59.900
        ledger.record(List.of("next-minute"), T.plusMillis(100)); // 10:01:00.000, sorts after 10:00:59.900 as text
        ledger.record(List.of("at-until"), T.plusSeconds(60));

        assertThat(westLedger().sentBetween(T.minusSeconds(30), T.plusSeconds(60)))
                .containsExactlyInAnyOrder("at-since", "end-of-minute", "next-minute");
        assertThat(westLedger().sentBetween(T, T)).isEmpty();
    }

    @Test
    void recoveryPutsBackIntoAPostgresSentLogWhatItsReplicaHadNotReceived() throws SQLException {
        String schema = "send_ledger_it_" + System.nanoTime();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(east.postgresJdbcUrl());
        dataSource.setUser(east.postgresUser());
        dataSource.setPassword(east.postgresPassword());
        try (Connection connection = dataSource.getConnection();
                Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE SCHEMA " + schema);
            ddl.execute(
                    "CREATE TABLE " + schema + ".sent_log (message_id text PRIMARY KEY, sent_at timestamptz NOT NULL)");
            ddl.execute("CREATE INDEX ON " + schema + ".sent_log (sent_at)");
        }
        dataSource.setCurrentSchema(schema);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS); // PostgreSQL keeps microseconds
        try {
            Clock before = Clock.fixed(now.minusSeconds(5), ZoneOffset.UTC);
            PostgresSentLog replicated =
                    new PostgresSentLog(dataSource, DependencyGuard.forDependency("postgres"), before);
            DynamoDbSendLedger ledger = eastLedger();
            // What reached the replica: sent five seconds ago and recorded in both stores.
            new LedgeredSentLog(replicated, ledger, before).recordSent(ids("replicated", 3));
            // What the lost region sent last: in the ledger, never in this copy of the sent-log.
            ledger.record(ids("lost", 4), now.minusMillis(500));

            Clock clock = Clock.fixed(now, ZoneOffset.UTC);
            PostgresSentLog sentLog = new PostgresSentLog(dataSource, DependencyGuard.forDependency("postgres"), clock);
            SentLogRecovery recovery =
                    new SentLogRecovery(SentLogRecovery.Settings.defaults("it"), sentLog, westLedger(), clock);
            assertThat(sentLog.newestSentAt()).contains(now.minusSeconds(5));

            recovery.start();

            assertThat(recovery.lastRecovered().inLedger()).isEqualTo(7);
            assertThat(recovery.lastRecovered().missing()).isEqualTo(4);
            assertThat(sentLog.alreadySent(ids("lost", 4))).containsExactlyInAnyOrderElementsOf(ids("lost", 4));
            assertThat(sentLog.newestSentAt()).contains(now);
        } finally {
            dataSource.setCurrentSchema(null);
            try (Connection connection = dataSource.getConnection();
                    Statement ddl = connection.createStatement()) {
                ddl.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
