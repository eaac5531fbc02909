package io.tradewind.platform.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.gateway.DynamoDbInboundJournal;
import io.tradewind.platform.gateway.JournalEntry;
import io.tradewind.platform.gateway.JournalOutcome;
import io.tradewind.platform.provisioning.Provisioner;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import io.tradewind.platform.resilience.InputRefusedException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Poison against the real stores: the emulated DynamoDB refuses a journal key over its size limit and the journal says
 * so for that entry alone, a reused message id is told from a redelivery by content, PostgreSQL's refusal of a value
 * is told from PostgreSQL failing, and the quarantine keeps what it is given once, whatever bytes it holds.
 */
@ExtendWith(LocalAwsExtension.class)
class QuarantineIT {
    private static final Instant AT = Instant.parse("2026-12-06T10:00:00Z");

    private final EmulatedRegion east;
    private final DynamoDbClient dynamoDb;
    private final String table = "it" + System.nanoTime() + "-inbound-journal";
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    QuarantineIT(LocalAws aws) throws SQLException {
        east = aws.region(LocalAwsConfig.PRIMARY_REGION);
        dynamoDb = new AwsClientFactory(AwsSettings.local(east.name(), east.kinesisEndpoint(), east.dynamoDbEndpoint()))
                .dynamoDb();
        new Provisioner(null, dynamoDb).ensureTable(table, DynamoDbInboundJournal.KEY);
        String schema = "quarantine_it_" + System.nanoTime();
        dataSource.setUrl(east.postgresJdbcUrl());
        dataSource.setUser(east.postgresUser());
        dataSource.setPassword(east.postgresPassword());
        try (Connection connection = dataSource.getConnection();
                Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE SCHEMA " + schema);
            // As the apps' migration V5__quarantine.sql creates it.
            ddl.execute("CREATE TABLE " + schema + ".quarantine (quarantine_id text PRIMARY KEY, stage text NOT NULL,"
                    + " source text NOT NULL, partition_key text, reason text NOT NULL, detail text NOT NULL,"
                    + " payload bytea NOT NULL, quarantined_at timestamptz NOT NULL, replayed_at timestamptz,"
                    + " replay_count integer NOT NULL DEFAULT 0)");
            ddl.execute("CREATE TABLE " + schema + ".note (text text NOT NULL, amount numeric(18, 4))");
        }
        dataSource.setCurrentSchema(schema);
    }

    @Test
    void journalAnswersEachEntryAndRefusesOnlyTheOneOverTheStoresKeyLimit() {
        try (DynamoDbInboundJournal journal =
                new DynamoDbInboundJournal(dynamoDb, table, east.name(), DependencyGuard.forDependency("dynamodb"))) {
            JournalEntry first = entry("BRK001|M1", "{\"v\":1}", "ID:1");
            JournalEntry poison = entry("BRK001|" + "x".repeat(3_000), "{\"v\":3}", "ID:3");
            JournalEntry second = entry("BRK001|M2", "{\"v\":2}", "ID:2");

            assertThat(journal.recordAll(List.of(first, poison, second)))
                    .extracting(JournalOutcome::kind)
                    .containsExactly(
                            JournalOutcome.Kind.JOURNALED, JournalOutcome.Kind.REFUSED, JournalOutcome.Kind.JOURNALED);
            assertThat(journal.recordAll(List.of(poison)).get(0).detail()).contains("ValidationException");

            List<JournalOutcome> again = journal.recordAll(List.of(
                    first, // our own retry of the same delivery
                    entry("BRK001|M1", "{\"v\":1}", "ID:9"), // the sender's identical resend
                    entry("BRK001|M2", "{\"v\":22}", "ID:10"))); // the same id for other content
            assertThat(again)
                    .extracting(JournalOutcome::kind)
                    .containsExactly(
                            JournalOutcome.Kind.JOURNALED, JournalOutcome.Kind.DUPLICATE, JournalOutcome.Kind.CONFLICT);
            assertThat(again.get(2).detail()).contains("other content");
            assertThat(journal.entriesOf(List.of("BRK001|M2")))
                    .singleElement()
                    .satisfies(held -> assertThat(held.body()).isEqualTo("{\"v\":2}"));
        }
    }

    @Test
    void postgresRefusingAValueIsNotTheDatabaseFailingAndNeverOpensTheBreaker() {
        DependencyGuard guard = DependencyGuard.forDependency("postgres");
        for (int i = 0; i < 30; i++)
            assertThatThrownBy(() -> guard.run(() -> insertNote("NUL \u0000 in text", "1")))
                    .isInstanceOf(InputRefusedException.class)
                    .hasMessageContaining("22021")
                    .satisfies(e -> assertThat(((InputRefusedException) e).quarantineReason())
                            .isEqualTo("REFUSED_BY_POSTGRES"));
        assertThatThrownBy(() -> guard.run(() -> insertNote("a price too big", "1" + "0".repeat(100))))
                .isInstanceOf(InputRefusedException.class)
                .hasMessageContaining("22003");
        assertThat(guard.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);

        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
        DependencyGuard down = DependencyGuard.forDependency(
                "postgres-down", 1, java.time.Duration.ofMillis(1), java.time.Duration.ofSeconds(5));
        assertThatThrownBy(() -> down.run(() -> {
                    try (Connection ignored = unreachable.getConnection()) {
                        throw new IllegalStateException("connected to nothing");
                    } catch (SQLException e) {
                        throw new DependencyUnavailableException("postgres", e.getMessage(), e);
                    }
                }))
                .isInstanceOf(DependencyUnavailableException.class);
    }

    @Test
    void quarantineKeepsAnyBytesOnceAndCountsThem() throws SQLException {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PostgresQuarantine quarantine =
                new PostgresQuarantine(dataSource, DependencyGuard.forDependency("postgres"), meters);
        byte[] hostile = "{\"tradeRef\":\"T\u0000\",\"pad\":\"\u0001\u0002\"}".getBytes(StandardCharsets.UTF_8);
        QuarantinedInput input = new QuarantinedInput(
                "ingestion|shard-0|42",
                "ingestion",
                "trade-matching-ingestion",
                "BRK001|T\u0000",
                "REFUSED_BY_POSTGRES",
                "ERROR: invalid byte sequence for encoding \"UTF8\": 0x00 in \u0000" + "x".repeat(5_000),
                hostile,
                AT);

        quarantine.hold(input);
        quarantine.hold(input); // a replayed shard quarantines it again

        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT stage, source, partition_key, reason, length(detail), payload FROM quarantine");
                ResultSet rows = select.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("ingestion");
            assertThat(rows.getString(2)).isEqualTo("trade-matching-ingestion");
            assertThat(rows.getString(3)).isEqualTo("BRK001|T\uFFFD");
            assertThat(rows.getString(4)).isEqualTo("REFUSED_BY_POSTGRES");
            assertThat(rows.getInt(5)).isEqualTo(QuarantinedInput.MAX_DETAIL_CHARS);
            assertThat(rows.getBytes(6)).isEqualTo(hostile);
            assertThat(rows.next()).isFalse();
        }
        assertThat(meters.get(Quarantine.METER)
                        .tag("stage", "ingestion")
                        .tag("reason", "REFUSED_BY_POSTGRES")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    private void insertNote(String text, String amount) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO note VALUES (?, ?::numeric)")) {
            insert.setString(1, text);
            insert.setString(2, amount);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new DependencyUnavailableException("postgres", e.getMessage(), e);
        }
    }

    private static JournalEntry entry(String key, String body, String brokerId) {
        return new JournalEntry(key, body, key, brokerId, AT, "trades.inbound", body.length());
    }
}
