package io.tradewind.platform.idempotency;

import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import io.tradewind.platform.sql.ArraySql;
import io.tradewind.platform.sql.ConnectionSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The sent-log in the app's PostgreSQL schema (Aurora global on AWS), in table {@code sent_log}: one round trip to
 * read a batch's ids and one to record them, whatever the batch size. The app's Flyway migrations create the table.
 *
 * <p>Why not DynamoDB, as DESIGN.md first placed it: the outbound gateway writes the sent-log for every message it
 * sends (about twelve per trade through the full loop), and the sandbox's DynamoDB emulator, single-threaded and shared
 * with the journals and KCL's leases, was the ceiling of the pipeline. PostgreSQL is replicated across regions just as
 * the table would be and is written in the same region.
 */
public final class PostgresSentLog implements RecoverableSentLog {
    private static final int READ_CHUNK = 1_000;

    private final DataSource dataSource;
    private final DependencyGuard guard;
    private final Clock clock;

    public PostgresSentLog(DataSource dataSource, DependencyGuard guard, Clock clock) {
        this.dataSource = dataSource;
        this.guard = guard;
        this.clock = clock;
    }

    @Override
    public Set<String> alreadySent(Collection<String> messageIds) {
        if (messageIds.isEmpty()) return Set.of();
        return guard.call(() -> withConnection(connection -> {
            Set<String> sent = new HashSet<>();
            try (PreparedStatement select =
                    connection.prepareStatement("SELECT message_id FROM sent_log WHERE message_id = ANY (?)")) {
                select.setArray(1, textArray(connection, messageIds));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) sent.add(rows.getString(1));
                }
            }
            return sent;
        }));
    }

    @Override
    public void recordSent(Collection<String> messageIds) {
        if (messageIds.isEmpty()) return;
        guard.call(() -> withConnection(connection -> insert(connection, messageIds)));
    }

    @Override
    public Optional<Instant> newestSentAt() {
        return guard.call(() -> withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT max(sent_at) FROM sent_log");
                    ResultSet rows = select.executeQuery()) {
                rows.next();
                Timestamp newest = rows.getTimestamp(1);
                return Optional.ofNullable(newest).map(Timestamp::toInstant);
            }
        }));
    }

    @Override
    public int recordMissing(Collection<String> messageIds) {
        if (messageIds.isEmpty()) return 0;
        return guard.call(() -> withConnection(connection -> insert(connection, messageIds)));
    }

    private int insert(Connection connection, Collection<String> messageIds) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO sent_log (message_id, sent_at) SELECT id, ? FROM unnest(?::text[]) AS id"
                        + " ON CONFLICT (message_id) DO NOTHING")) {
            insert.setTimestamp(1, Timestamp.from(clock.instant()));
            insert.setArray(2, textArray(connection, messageIds));
            return insert.executeUpdate();
        }
    }

    /**
     * Which of these ids the sent-log in the app's {@code schema} holds, read by a tool outside the app over its own
     * connection (reconciliation asks whether an input's every outbound message went out): a query per thousand ids.
     */
    public static Set<String> sentAmong(ConnectionSource postgres, String schema, Collection<String> messageIds) {
        Set<String> sent = new HashSet<>();
        List<String> ids = List.copyOf(new HashSet<>(messageIds));
        try (Connection connection = postgres.open()) {
            ArraySql sql = new ArraySql(connection);
            for (int i = 0; i < ids.size(); i += READ_CHUNK)
                sql.query(
                        "SELECT message_id FROM " + schema + ".sent_log WHERE message_id = ANY (?)",
                        ids.subList(i, Math.min(ids.size(), i + READ_CHUNK)),
                        row -> sent.add(row.getString(1)));
        } catch (SQLException e) {
            throw new DependencyUnavailableException("postgres", "sent-log in " + schema + ": " + e.getMessage(), e);
        }
        return sent;
    }

    private static Array textArray(Connection connection, Collection<String> ids) throws SQLException {
        return connection.createArrayOf("text", new HashSet<>(ids).toArray());
    }

    private <T> T withConnection(SqlWork<T> work) {
        // Autocommit: each statement is durable on its own, which is all the sent-log needs.
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new DependencyUnavailableException("postgres", "sent-log: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }
}
