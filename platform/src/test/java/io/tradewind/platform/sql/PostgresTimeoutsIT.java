package io.tradewind.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradewind.localaws.postgres.EmbeddedPostgresServer;
import io.tradewind.platform.faults.FreezableProxy;
import io.tradewind.platform.metrics.StageHealth;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.quarantine.InMemoryQuarantine;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import io.tradewind.platform.resilience.Sleeper;
import io.tradewind.platform.stream.Stage;
import io.tradewind.platform.stream.StageRunner;
import io.tradewind.platform.stream.StreamRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real PostgreSQL applies the bounds to every session and answers with a timeout's SQLSTATE when one fires; one that
 * stops answering shows as a held stage within seconds.
 */
class PostgresTimeoutsIT {
    private static final Path WORK_DIR = Path.of(System.getProperty("tradewind.work-dir", "target/local-aws-it"));
    private static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgresServer.start(
                0, WORK_DIR.resolve("postgres-timeouts-it"), WORK_DIR.resolve("postgres-binaries"));
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static Connection connect(String urlParameters) throws SQLException {
        return PostgresTimeouts.connect(
                postgres.jdbcUrl() + urlParameters, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void everySessionCarriesTheServerSideBounds() throws Exception {
        try (Connection connection = connect("")) {
            assertThat(show(connection, "statement_timeout")).isEqualTo("15s");
            assertThat(show(connection, "lock_timeout")).isEqualTo("5s");
            assertThat(show(connection, "idle_in_transaction_session_timeout")).isEqualTo("1min");
        }
    }

    @Test
    void aStatementPastItsBoundIsCanceledWithQueryCanceled() throws Exception {
        try (Connection connection = connect("?options=-c%20statement_timeout%3D200ms");
                Statement statement = connection.createStatement()) {
            assertThat(show(connection, "statement_timeout"))
                    .as("the URL's own wins")
                    .isEqualTo("200ms");

            assertThatThrownBy(() -> statement.execute("SELECT pg_sleep(5)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                            .isEqualTo(PostgresTimeouts.QUERY_CANCELED))
                    .matches(PostgresTimeouts::isTimeout);
        }
    }

    @Test
    void aLockWaitPastItsBoundFailsWithLockNotAvailable() throws Exception {
        try (Connection holder = connect("");
                Connection waiter = connect("?options=-c%20lock_timeout%3D200ms")) {
            try (Statement statement = holder.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS lock_bound_it (id int PRIMARY KEY)");
            }
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("LOCK TABLE lock_bound_it IN ACCESS EXCLUSIVE MODE");
                assertThatThrownBy(() -> waiter.createStatement().executeQuery("SELECT * FROM lock_bound_it"))
                        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                                .isEqualTo(PostgresTimeouts.LOCK_NOT_AVAILABLE))
                        .matches(PostgresTimeouts::isTimeout);
            } finally {
                holder.rollback();
            }
        }
    }

    @Test
    void aStageWhosePostgresStopsAnsweringShowsAsHeldWithinSeconds() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StageMetrics metrics = new StageMetrics(registry, "it-matching");
        StageHealth health = new StageHealth(registry, Duration.ofSeconds(2));
        DependencyGuard postgresGuard =
                DependencyGuard.forDependency("postgres", 2, Duration.ofMillis(50), Duration.ofSeconds(5));
        try (FreezableProxy proxy = new FreezableProxy(postgres.port())) {
            String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + EmbeddedPostgresServer.DATABASE
                    + "?socketTimeout=1&loginTimeout=2";
            Stage<String> stage = new Stage<>() {
                @Override
                public void process(List<String> batch) {
                    postgresGuard.run(() -> {
                        try (Connection connection = PostgresTimeouts.connect(
                                        url, EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
                                Statement statement = connection.createStatement()) {
                            statement.execute("SELECT 1");
                        } catch (SQLException e) {
                            throw new DependencyUnavailableException("postgres", e.getMessage(), e);
                        }
                    });
                }
            };
            StageRunner<String> runner = new StageRunner<>(
                    "it-matching",
                    StreamRecord::dataAsUtf8,
                    stage,
                    metrics,
                    new InMemoryQuarantine().forStage("matching", "it-matching"),
                    Sleeper.THREAD,
                    Duration.ofMillis(100),
                    Duration.ofMillis(500));
            List<StreamRecord> batch = List.of(
                    new StreamRecord("shard-0", "1", "k", Instant.EPOCH, "trade".getBytes(StandardCharsets.UTF_8)));
            assertThat(runner.runUntilDone(batch, () -> true)).isTrue();
            assertThat(health.check().healthy()).isTrue();

            proxy.freeze();
            AtomicBoolean keepTrying = new AtomicBoolean(true);
            CompletableFuture<Boolean> held =
                    CompletableFuture.supplyAsync(() -> runner.runUntilDone(batch, keepTrying::get));
            try {
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> !health.check().healthy());
                // Held while its first attempt still waits; then the bounds turn the wait into a failure, counted.
                await().atMost(Duration.ofSeconds(15)).until(() -> metrics.failedAttempts("postgres") > 0);
                assertThat(health.check().details().toString())
                        .contains("it-matching")
                        .contains("held=true");
            } finally {
                keepTrying.set(false);
            }
            assertThat(held.get(15, TimeUnit.SECONDS))
                    .as("given up, not checkpointed")
                    .isFalse();
            assertThat(health.check().healthy())
                    .as("no longer holding the batch")
                    .isTrue();
        }
    }
}
