package io.tradewind.opsconsole.adapter.postgres;

import io.tradewind.opsconsole.quarantine.HeldInput;
import io.tradewind.opsconsole.quarantine.QuarantineEntry;
import io.tradewind.opsconsole.quarantine.QuarantineTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Table {@code quarantine} in each app's schema ({@code trade_matching}, {@code settlement_matching}: the app's name
 * with underscores), in each region's PostgreSQL. Listings and look-ups run read-only, so a standby's copy answers
 * them; a replay updates the row, runs the replay and commits, in one transaction on the region named, which must be
 * the writer.
 */
public final class PostgresQuarantineTables implements QuarantineTables {
    private static final Pattern APP = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final String COLUMNS = "quarantine_id, stage, source, partition_key, reason, detail,"
            + " octet_length(payload), quarantined_at, replayed_at, replay_count";

    /** Opens a connection to one region's PostgreSQL. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final Map<String, ConnectionSource> regions;

    /** @param regions per region, its PostgreSQL */
    public PostgresQuarantineTables(Map<String, ConnectionSource> regions) {
        this.regions = Map.copyOf(regions);
    }

    @Override
    public Page list(String app, String region, Optional<Instant> since, int limit) {
        String where = since.isPresent() ? " WHERE quarantined_at >= ?" : "";
        try (Connection connection = open(region, true);
                PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + table(app)
                        + where + " ORDER BY quarantined_at DESC, quarantine_id LIMIT ?");
                PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + table(app) + where)) {
            if (since.isPresent()) {
                select.setObject(1, OffsetDateTime.ofInstant(since.get(), ZoneOffset.UTC));
                count.setObject(1, OffsetDateTime.ofInstant(since.get(), ZoneOffset.UTC));
            }
            select.setInt(since.isPresent() ? 2 : 1, limit);
            List<QuarantineEntry> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) entries.add(entryOf(app, rows));
            }
            try (ResultSet total = count.executeQuery()) {
                total.next();
                return new Page(entries, total.getLong(1));
            }
        } catch (SQLException e) {
            throw failed("listing", app, region, e);
        }
    }

    @Override
    public Optional<HeldInput> find(String app, String region, String quarantineId) {
        try (Connection connection = open(region, true);
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + COLUMNS + ", payload FROM " + table(app) + " WHERE quarantine_id = ?")) {
            select.setString(1, quarantineId);
            return held(app, select);
        } catch (SQLException e) {
            throw failed("reading", app, region, e);
        }
    }

    @Override
    public Optional<QuarantineEntry> replay(
            String app, String region, String quarantineId, Consumer<HeldInput> replay) {
        try (Connection connection = open(region, false)) {
            connection.setAutoCommit(false);
            try {
                // Recorded (and the row locked) before the replay runs: a copy that cannot be written refuses now,
                // before anything has gone out, and an operator replaying it at the same time waits.
                Optional<HeldInput> recorded;
                try (PreparedStatement update = connection.prepareStatement("UPDATE " + table(app)
                        + " SET replayed_at = now(), replay_count = replay_count + 1 WHERE quarantine_id = ?"
                        + " RETURNING " + COLUMNS + ", payload")) {
                    update.setString(1, quarantineId);
                    recorded = held(app, update);
                }
                if (recorded.isEmpty()) {
                    connection.rollback();
                    return Optional.empty();
                }
                replay.accept(recorded.get());
                connection.commit();
                return Optional.of(recorded.get().entry());
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failed("recording the replay in", app, region, e);
        }
    }

    /** The one entry a statement returns with its payload, if any. */
    private static Optional<HeldInput> held(String app, PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) return Optional.empty();
            return Optional.of(new HeldInput(entryOf(app, rows), rows.getBytes("payload")));
        }
    }

    private static QuarantineEntry entryOf(String app, ResultSet rows) throws SQLException {
        return new QuarantineEntry(
                rows.getString(1),
                app,
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                rows.getString(5),
                rows.getString(6),
                rows.getInt(7),
                instant(rows, 8),
                instant(rows, 9),
                rows.getInt(10));
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime at = rows.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** The app's table, schema-qualified; the app's name is checked first, since it becomes an SQL identifier. */
    private static String table(String app) {
        if (app == null || !APP.matcher(app).matches())
            throw new IllegalArgumentException("app '" + app + "' is not lower-case letters, digits and hyphens");
        return app.replace('-', '_') + ".quarantine";
    }

    private Connection open(String region, boolean readOnly) throws SQLException {
        ConnectionSource source = regions.get(region);
        if (source == null) throw new IllegalArgumentException("no PostgreSQL configured for " + region);
        Connection connection = source.open();
        try {
            connection.setReadOnly(readOnly);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static IllegalStateException failed(String what, String app, String region, SQLException e) {
        return new IllegalStateException(
                what + " " + app + "'s quarantine in " + region + "'s database failed: " + e.getMessage(), e);
    }
}
