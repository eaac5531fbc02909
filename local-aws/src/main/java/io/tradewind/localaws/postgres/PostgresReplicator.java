package io.tradewind.localaws.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an Aurora global database does, between the PostgreSQL of two regions: one writer region, whose changes reach
 * the other after a configurable lag; {@link #switchover} waits until nothing is in flight and then makes the other
 * region the writer (no data lost); {@link #failover} makes it the writer at once, and what had not replicated is lost
 * and counted (the RPO).
 *
 * <p>Changes are captured by a row trigger on every table of the replicated schemas into a change log on the writer,
 * read once their transaction has ended (so commit order is respected per row), and applied on the standby with
 * replication role set (no triggers, no foreign-key checks, as a physical replica applies them). Promotion moves every
 * serial column's sequence past the rows the new writer received.
 */
public final class PostgresReplicator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresReplicator.class);
    private static final String LOG_SCHEMA = "tw_replication";
    private static final String TRIGGER = "tw_replicate";

    /** One region's database. */
    public record Database(String region, String jdbcUrl, String user, String password) {}

    /**
     * @param schemas the schemas that replicate (the apps' own), by name
     */
    public record Settings(Duration lag, Pattern schemas, Duration pollInterval) {
        public static final Pattern APP_SCHEMAS = Pattern.compile("trade_matching|settlement_matching");

        public static Settings withLag(Duration lag) {
            return new Settings(lag, APP_SCHEMAS, Duration.ofMillis(100));
        }
    }

    /** A captured change waiting for the lag. */
    private record Change(String schema, String table, char op, String row, long seenAtMillis) {}

    private final Settings settings;
    private final Map<String, Database> databases = new HashMap<>();
    private final ScheduledExecutorService poller;
    private final Deque<Change> pending = new ArrayDeque<>();
    private final Set<String> captured = new HashSet<>();
    private final Map<String, List<String>> primaryKeys = new HashMap<>();
    private volatile String writer;
    private long applied;
    private long ticks;

    private PostgresReplicator(Settings settings, List<Database> regions, String writer) {
        this.settings = settings;
        regions.forEach(db -> databases.put(db.region(), db));
        this.writer = writer;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "postgres-replicator");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts replicating from {@code writer} to the other region. */
    public static PostgresReplicator start(List<Database> regions, String writer, Settings settings) {
        if (regions.size() != 2) throw new IllegalArgumentException("replicates between two regions: " + regions);
        PostgresReplicator replicator = new PostgresReplicator(settings, regions, writer);
        replicator.poller.scheduleWithFixedDelay(
                replicator::tick, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        return replicator;
    }

    public String writer() {
        return writer;
    }

    private String standby() {
        return databases.keySet().stream()
                .filter(r -> !r.equals(writer))
                .findFirst()
                .orElseThrow();
    }

    /** The age of the oldest change not yet applied on the standby, or 0. */
    public synchronized long lagMillis() {
        Change first = pending.peekFirst();
        return first == null ? 0 : Math.max(0, System.currentTimeMillis() - first.seenAtMillis());
    }

    public synchronized long appliedCount() {
        return applied;
    }

    /**
     * Planned: waits until every change the writer has made reached the standby, then makes the standby the writer.
     * Returns false, changing nothing, when that does not happen within {@code timeout}.
     */
    public boolean switchover(String newWriter, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (pending.isEmpty() && changeLogEmpty()) {
                    promote(newWriter, false);
                    return true;
                }
            }
            Thread.sleep(settings.pollInterval().toMillis());
        }
        return false;
    }

    /** Unplanned: makes {@code newWriter} the writer now; returns how many changes had not replicated and are lost. */
    public synchronized int failover(String newWriter) {
        int lost = pending.size() + unreadChanges();
        pending.clear();
        promote(newWriter, true);
        log.warn("postgres failover to {}: {} changes that had not replicated are lost", newWriter, lost);
        return lost;
    }

    private void promote(String newWriter, boolean oldWriterLost) {
        if (!databases.containsKey(newWriter)) throw new IllegalArgumentException("no region " + newWriter);
        String old = writer;
        try (Connection connection = open(newWriter);
                Statement statement = connection.createStatement();
                ResultSet serials = statement.executeQuery("SELECT table_schema, table_name, column_name FROM"
                        + " information_schema.columns WHERE column_default LIKE 'nextval(%'")) {
            List<String[]> columns = new ArrayList<>();
            while (serials.next())
                if (settings.schemas().matcher(serials.getString(1)).matches())
                    columns.add(new String[] {serials.getString(1), serials.getString(2), serials.getString(3)});
            for (String[] c : columns) {
                String table = c[0] + "." + c[1];
                try (Statement advance = connection.createStatement()) {
                    advance.execute("SELECT setval(pg_get_serial_sequence('" + table + "', '" + c[2] + "'),"
                            + " coalesce((SELECT max(" + c[2] + ") FROM " + table + "), 0) + 1, false)");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("promoting " + newWriter + " failed", e);
        }
        writer = newWriter;
        // The new writer's tables get their triggers before it takes a write (already in sync: no initial copy).
        captured.clear();
        skipInitialCopy = true;
        try {
            captureNewTables();
        } catch (SQLException e) {
            throw new IllegalStateException("capturing " + newWriter + "'s changes failed", e);
        }
        log.info("postgres writer {} -> {}{}", old, newWriter, oldWriterLost ? " (failover)" : "");
    }

    private boolean skipInitialCopy;

    private synchronized void tick() {
        try {
            if (ticks++ % 20 == 0) captureNewTables();
            readChanges();
            applyDue();
        } catch (SQLException | RuntimeException e) {
            log.debug("postgres replication {} -> {} paused: {}", writer, standby(), e.toString());
        }
    }

    /** Installs the capture trigger on every replicated table of the writer that lacks it, copying what it holds. */
    private void captureNewTables() throws SQLException {
        try (Connection connection = open(writer);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + LOG_SCHEMA);
            statement.execute("CREATE TABLE IF NOT EXISTS " + LOG_SCHEMA + ".change_log (seq bigserial PRIMARY KEY,"
                    + " txid bigint NOT NULL DEFAULT txid_current(), schema_name text NOT NULL, table_name text NOT"
                    + " NULL, op char(1) NOT NULL, row_data jsonb NOT NULL)");
            statement.execute("CREATE OR REPLACE FUNCTION " + LOG_SCHEMA + ".capture() RETURNS trigger AS $$ BEGIN"
                    + " IF TG_OP = 'DELETE' THEN INSERT INTO " + LOG_SCHEMA + ".change_log (schema_name,"
                    + " table_name, op, row_data) VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME, 'D', to_jsonb(OLD));"
                    + " ELSE INSERT INTO " + LOG_SCHEMA + ".change_log (schema_name, table_name, op, row_data)"
                    + " VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME, 'U', to_jsonb(NEW)); END IF; RETURN NULL; END"
                    + " $$ LANGUAGE plpgsql");
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT table_schema, table_name FROM"
                    + " information_schema.tables WHERE table_type = 'BASE TABLE'"
                    + " AND table_name <> 'flyway_schema_history'")) {
                while (rows.next())
                    if (settings.schemas().matcher(rows.getString(1)).matches())
                        tables.add(rows.getString(1) + "." + rows.getString(2));
            }
            for (String table : tables) {
                if (captured.contains(table)) continue;
                try (Statement install = connection.createStatement()) {
                    install.execute("DROP TRIGGER IF EXISTS " + TRIGGER + " ON " + table);
                    install.execute("CREATE TRIGGER " + TRIGGER + " AFTER INSERT OR UPDATE OR DELETE ON " + table
                            + " FOR EACH ROW EXECUTE FUNCTION " + LOG_SCHEMA + ".capture()");
                }
                if (!skipInitialCopy) copyExisting(connection, table);
                captured.add(table);
            }
        }
    }

    private void copyExisting(Connection connection, String table) throws SQLException {
        long now = System.currentTimeMillis();
        String[] parts = table.split("\\.");
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT to_jsonb(t)::text FROM " + table + " t")) {
            while (rows.next()) pending.add(new Change(parts[0], parts[1], 'U', rows.getString(1), now));
        }
    }

    /** Takes the changes of every finished transaction off the writer's log, in capture order. */
    private void readChanges() throws SQLException {
        try (Connection connection = open(writer);
                PreparedStatement take = connection.prepareStatement("DELETE FROM " + LOG_SCHEMA + ".change_log"
                        + " WHERE txid < txid_snapshot_xmin(txid_current_snapshot())"
                        + " RETURNING seq, schema_name, table_name, op, row_data::text")) {
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = take.executeQuery()) {
                while (result.next())
                    rows.add(new Object[] {
                        result.getLong(1),
                        result.getString(2),
                        result.getString(3),
                        result.getString(4),
                        result.getString(5)
                    });
            }
            rows.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
            long now = System.currentTimeMillis();
            for (Object[] row : rows)
                pending.add(new Change(
                        (String) row[1], (String) row[2], ((String) row[3]).charAt(0), (String) row[4], now));
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) throw e; // no log yet: nothing captured
        }
    }

    private void applyDue() throws SQLException {
        long due = System.currentTimeMillis() - settings.lag().toMillis();
        if (pending.isEmpty() || pending.peekFirst().seenAtMillis() > due) return;
        try (Connection connection = open(standby())) {
            connection.setAutoCommit(false);
            try (Statement role = connection.createStatement()) {
                role.execute("SET session_replication_role = replica");
            }
            List<Change> done = new ArrayList<>();
            for (Change change : pending) {
                if (change.seenAtMillis() > due) break;
                apply(connection, change);
                done.add(change);
            }
            connection.commit();
            done.forEach(change -> pending.pollFirst());
            applied += done.size();
        }
    }

    private void apply(Connection connection, Change change) throws SQLException {
        String table = change.schema() + "." + change.table();
        List<String> keys = primaryKeyOf(connection, table);
        String keyList = String.join(", ", keys);
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE (" + keyList
                + ") IN (SELECT " + keyList + " FROM jsonb_populate_record(NULL::" + table + ", ?::jsonb))")) {
            delete.setString(1, change.row());
            delete.executeUpdate();
        }
        if (change.op() == 'D') return;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " SELECT * FROM jsonb_populate_record(NULL::" + table + ", ?::jsonb)")) {
            insert.setString(1, change.row());
            insert.executeUpdate();
        }
    }

    private List<String> primaryKeyOf(Connection connection, String table) throws SQLException {
        List<String> known = primaryKeys.get(table);
        if (known != null) return known;
        List<String> keys = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT a.attname FROM pg_index i JOIN"
                + " pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY a.attnum")) {
            select.setString(1, table);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) keys.add(rows.getString(1));
            }
        }
        if (keys.isEmpty()) throw new IllegalStateException(table + " has no primary key to replicate by");
        primaryKeys.put(table, keys);
        return keys;
    }

    private boolean changeLogEmpty() {
        return unreadChanges() == 0;
    }

    private int unreadChanges() {
        try (Connection connection = open(writer);
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM " + LOG_SCHEMA + ".change_log")) {
            count.next();
            return count.getInt(1);
        } catch (SQLException e) {
            return 0; // no log, or the writer is gone (a failover counts what it had read)
        }
    }

    private Connection open(String region) throws SQLException {
        Database db = databases.get(region);
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
