package io.tradewind.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.localaws.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real PostgreSQL applies the bounds to every session, and answers with a timeout's SQLSTATE when one fires. */
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
}
