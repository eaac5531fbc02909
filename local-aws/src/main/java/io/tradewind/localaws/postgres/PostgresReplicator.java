package io.tradewind.localaws.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
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
 * and counted (the RPO); {@link #rejoin} makes a region that was failed away from a copy of the writer again.
 *
 * <p>Changes are captured by a row trigger on every table of the replicated schemas into a change log on the writer,
 * read once their transaction has ended (so commit order is respected per row), and applied on the standby with
 * replication role set (no triggers, no foreign-key checks, as a physical replica applies them). Promotion moves every
 * serial column's sequence past the rows the new writer received. The change log, capture function and trigger are
 * named after the {@linkplain Settings#cluster() cluster}, so one replicator per app can share the servers.
 */
public final class PostgresReplicator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PostgresReplicator.class);
    /** Each region's Flyway keeps its own history: it is never replicated nor overwritten. */
    private static final String FLYWAY_HISTORY = "flyway_schema_history";
    /** Tables created after start are looked for every this many polls. */
    private static final int CAPTURE_EVERY_POLLS = 20;
    /** Rows one INSERT of a rejoin carries. */
    private static final int COPY_BATCH_ROWS = 500;

    /** One region's database. */
    public record Database(String region, String jdbcUrl, String user, String password) {}

    /**
     * @param cluster the global database's name, e.g. {@code trade-matching}: lower-case letters, digits and hyphens.
     *     Its change log lives in schema {@link #logSchema()} and its trigger is {@link #triggerName()}, so that
     *     replicators of different clusters on the same servers never read each other's changes
     * @param lag how long a committed change takes to reach the standby
     * @param schemas the schemas that replicate (the app's own), by name
     * @param pollInterval how often the writer's change log is read
     */
    public record Settings(String cluster, Duration lag, Pattern schemas, Duration pollInterval) {
        private static final Pattern CLUSTER_NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");

        public Settings {
            if (cluster == null || !CLUSTER_NAME.matcher(cluster).matches())
                throw new IllegalArgumentException(
                        "cluster " + cluster + " is not 1-40 lower-case letters, digits and hyphens");
            if (lag == null || lag.isNegative()) throw new IllegalArgumentException("lag " + lag + " is negative");
            Objects.requireNonNull(schemas, "schemas");
            if (pollInterval == null || pollInterval.toMillis() <= 0)
                throw new IllegalArgumentException("pollInterval " + pollInterval + " is not positive");
        }

        /** The global database {@code cluster} of one app, replicating that app's {@code schema} after {@code lag}. */
        public static Settings forSchema(String cluster, String schema, Duration lag) {
            return new Settings(cluster, lag, Pattern.compile(Pattern.quote(schema)), Duration.ofMillis(100));
        }

        /** The schema holding this cluster's change log and capture function, e.g. {@code tw_replication_trade_matching}. */
        public String logSchema() {
            return "tw_replication_" + cluster.replace('-', '_');
        }

        /** The name of the capture trigger on every replicated table, e.g. {@code tw_replicate_trade_matching}. */
        public String triggerName() {
            return "tw_replicate_" + cluster.replace('-', '_');
        }

        /** The trigger that refuses writes to the standby's copy of a table, e.g. {@code tw_read_only_trade_matching}. */
        public String readOnlyTriggerName() {
            return "tw_read_only_" + cluster.replace('-', '_');
        }
    }

    /**
     * What a failover lost: the changes the old writer had made that had not reached the new one.
     *
     * @param lostMillis the age of the oldest lost change when the failover happened (the RPO): 0 when none was lost,
     *     at least 1 when any was
     */
    public record FailoverResult(int lostChanges, long lostMillis) {}

    /** A captured change waiting for the lag. */
    private record Change(String schema, String table, char op, String row, long capturedAtMillis, long seenAtMillis) {}

    /** The writer's change log not yet read: how many changes, and when the oldest was captured. */
    private record Unread(int count, long oldestCapturedAtMillis, long newestCapturedAtMillis) {}

    private final Settings settings;
    private final Map<String, Database> databases = new LinkedHashMap<>();
    private final ScheduledExecutorService poller;
    /** Concurrent so that {@link #lagMillis()} reads it without waiting for a poll that is applying a burst. */
    private final Deque<Change> pending = new ConcurrentLinkedDeque<>();

    private final Map<String, List<String>> primaryKeys = new HashMap<>();
    private final Map<String, Connection> pollingConnections = new HashMap<>();
    /** Regions that were writers when a failover left them: they hold what nobody else has until rejoined. */
    private final Set<String> diverged = new HashSet<>();

    private volatile String writer;
    private boolean changeLogInstalled;
    private long applied;
    private long polls;

    private PostgresReplicator(Settings settings, List<Database> regions, String writer) {
        this.settings = settings;
        regions.forEach(db -> databases.put(db.region(), db));
        this.writer = writer;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "postgres-replicator-" + settings.cluster());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts replicating from {@code writer} to the other region. The replicated schemas need not exist yet: tables
     * that appear later are captured within a few polls, with the rows they already hold.
     */
    public static PostgresReplicator start(List<Database> regions, String writer, Settings settings) {
        if (regions.size() != 2) throw new IllegalArgumentException("replicates between two regions: " + regions);
        if (regions.stream().noneMatch(db -> db.region().equals(writer)))
            throw new IllegalArgumentException("writer " + writer + " is none of the regions " + regions);
        PostgresReplicator replicator = new PostgresReplicator(settings, regions, writer);
        replicator.poller.scheduleWithFixedDelay(
                replicator::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        return replicator;
    }

    /** The global database's name, e.g. {@code trade-matching}. */
    public String cluster() {
        return settings.cluster();
    }

    public Settings settings() {
        return settings;
    }

    public String writer() {
        return writer;
    }

    /** The region that receives the writer's changes. */
    public String standby() {
        String current = writer;
        return databases.keySet().stream()
                .filter(r -> !r.equals(current))
                .findFirst()
                .orElseThrow();
    }

    public List<String> regions() {
        return List.copyOf(databases.keySet());
    }

    /** The age of the oldest change not yet applied on the standby, or 0. */
    public long lagMillis() {
        Change first = pending.peekFirst();
        return first == null ? 0 : Math.max(0, System.currentTimeMillis() - first.seenAtMillis());
    }

    public synchronized long appliedCount() {
        return applied;
    }

    /** Whether {@code region} was failed away from and has not been {@linkplain #rejoin rejoined} since. */
    public synchronized boolean needsRejoin(String region) {
        return diverged.contains(region);
    }

    /**
     * Planned: waits until every change the writer has made reached the standby, then makes the standby the writer.
     * Returns false, changing nothing, when that does not happen within {@code timeout}; true at once when
     * {@code newWriter} already is the writer.
     *
     * @throws IllegalArgumentException if {@code newWriter} is not a region of this cluster
     * @throws IllegalStateException if {@code newWriter} needs a {@link #rejoin} first
     */
    public boolean switchover(String newWriter, Duration timeout) throws InterruptedException {
        requireRegion(newWriter, "newWriter");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (this) {
                if (newWriter.equals(writer)) return true;
                if (diverged.contains(newWriter))
                    throw new IllegalStateException(newWriter + " has not been rejoined to " + cluster()
                            + " since it was failed away from: rejoin it before switching over to it");
                if (pending.isEmpty() && changeLogEmpty()) {
                    promote(newWriter);
                    return true;
                }
            }
            if (System.nanoTime() >= deadline) return false;
            Thread.sleep(settings.pollInterval().toMillis());
        }
    }

    /**
     * Unplanned: makes {@code newWriter} the writer now. What the old writer had not shipped is lost and counted; the
     * old writer's region keeps receiving the new writer's changes while its server is up, but holds what was lost
     * (and anything written to it since) until {@link #rejoin rejoined}. A no-op when {@code newWriter} already is the
     * writer.
     */
    public synchronized FailoverResult failover(String newWriter) {
        requireRegion(newWriter, "newWriter");
        if (newWriter.equals(writer)) return new FailoverResult(0, 0);
        long now = System.currentTimeMillis();
        Unread unread = unreadChanges();
        int lost = pending.size() + unread.count();
        long oldest = unread.oldestCapturedAtMillis();
        long newest = unread.newestCapturedAtMillis();
        for (Change change : pending) {
            oldest = Math.min(oldest, change.capturedAtMillis());
            newest = Math.max(newest, change.capturedAtMillis());
        }
        // The lost writes span from the oldest to the moment the writer was cut off (or its last write, if it wrote
        // on), not to now: the time an operator takes to fail over loses no writes, and counting it would overstate
        // the RPO.
        long end = writerIsolated ? Math.max(isolatedAtMillis, newest) : now;
        long lostMillis = lost == 0 ? 0 : Math.max(1, end - oldest);
        String old = writer;
        promote(newWriter);
        writerIsolated = false;
        pending.clear();
        diverged.add(old);
        diverged.remove(newWriter);
        log.warn(
                "postgres {} failover to {}: {} changes that had not replicated are lost ({} ms)",
                cluster(),
                newWriter,
                lost,
                lostMillis);
        return new FailoverResult(lost, lostMillis);
    }

    /**
     * Makes {@code region}'s copy of the replicated tables equal to the writer's, in one transaction (every row deleted,
     * every row of the writer copied, as replication applies them), and keeps replicating to it. Returns how many rows
     * were copied.
     *
     * @throws IllegalArgumentException if {@code region} is the writer or not a region of this cluster
     * @throws IllegalStateException if a replicated table is missing in {@code region}, or a server is unreachable
     */
    public synchronized long rejoin(String region) {
        requireRegion(region, "region");
        if (region.equals(writer))
            throw new IllegalArgumentException(region + " is the writer of " + cluster() + ": only a standby rejoins");
        try (Connection source = open(writer);
                Connection target = open(region)) {
            source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot for every table
            source.setAutoCommit(false);
            target.setAutoCommit(false);
            try (Statement role = target.createStatement()) {
                role.execute("SET LOCAL session_replication_role = replica");
            }
            long rows = 0;
            for (String table : replicatedTables(source)) {
                if (!exists(target, table))
                    throw new IllegalStateException(table + " does not exist in " + region
                            + ": start the app there (its migrations create it) before rejoining");
                try (Statement delete = target.createStatement()) {
                    delete.executeUpdate("DELETE FROM " + table);
                }
                rows += copyRows(source, target, table);
            }
            // Whatever the region logged while it was the writer (or written to it since) is not to be shipped later.
            String changeLog = settings.logSchema() + ".change_log";
            if (exists(target, changeLog))
                try (Statement clear = target.createStatement()) {
                    clear.executeUpdate("DELETE FROM " + changeLog);
                }
            target.commit();
            source.commit();
            diverged.remove(region);
            // Changes still pending were captured around the snapshot; applied again in order, they end where the
            // writer is.
            log.info("postgres {}: {} rejoined as standby of {} ({} rows copied)", cluster(), region, writer, rows);
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "rejoining " + region + " to " + cluster() + " failed: " + e.getMessage(), e);
        }
    }

    private long copyRows(Connection source, Connection target, String table) throws SQLException {
        long copied = 0;
        try (Statement select = source.createStatement();
                PreparedStatement insert = target.prepareStatement("INSERT INTO " + table
                        + " SELECT * FROM jsonb_populate_recordset(NULL::" + table + ", ?::jsonb)")) {
            select.setFetchSize(COPY_BATCH_ROWS);
            try (ResultSet rows = select.executeQuery("SELECT to_jsonb(t)::text FROM " + table + " t")) {
                StringBuilder batch = new StringBuilder();
                int inBatch = 0;
                while (rows.next()) {
                    batch.append(inBatch == 0 ? '[' : ',').append(rows.getString(1));
                    if (++inBatch == COPY_BATCH_ROWS) {
                        copied += insertBatch(insert, batch);
                        inBatch = 0;
                    }
                }
                if (inBatch > 0) copied += insertBatch(insert, batch);
            }
        }
        return copied;
    }

    private static int insertBatch(PreparedStatement insert, StringBuilder batch) throws SQLException {
        insert.setString(1, batch.append(']').toString());
        batch.setLength(0);
        return insert.executeUpdate();
    }

    private void requireRegion(String region, String field) {
        if (!databases.containsKey(region))
            throw new IllegalArgumentException(
                    field + " " + region + " is not a region of " + cluster() + "; have " + databases.keySet());
    }

    /**
     * Makes {@code newWriter} the writer: its sequences move past the rows it holds, anything its own change log holds
     * from an earlier time as writer is dropped, and its tables are captured before it takes a write. Changes nothing
     * if the new writer cannot be reached.
     */
    private void promote(String newWriter) {
        String old = writer;
        try {
            guard(old); // first, so that no moment has two writable copies
        } catch (SQLException e) {
            // Unreachable (a region outage): the next polls guard it once it answers.
            log.warn("making {}'s copy of {} read-only failed; retrying", old, cluster(), e);
        }
        try (Connection connection = open(newWriter)) {
            unguard(connection);
            List<String[]> columns = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet serials = statement.executeQuery("SELECT table_schema, table_name, column_name FROM"
                            + " information_schema.columns WHERE column_default LIKE 'nextval(%'"
                            + " OR is_identity = 'YES'")) {
                while (serials.next())
                    if (settings.schemas().matcher(serials.getString(1)).matches())
                        columns.add(new String[] {serials.getString(1), serials.getString(2), serials.getString(3)});
            }
            for (String[] c : columns) {
                String table = qualified(c[0], c[1]);
                String column = quoted(c[2]);
                try (PreparedStatement advance = connection.prepareStatement("SELECT setval(pg_get_serial_sequence(?,"
                        + " ?), coalesce((SELECT max(" + column + ") FROM " + table + "), 0) + 1, false)")) {
                    advance.setString(1, table);
                    advance.setString(2, c[2]);
                    advance.execute();
                }
            }
            String changeLog = settings.logSchema() + ".change_log";
            if (exists(connection, changeLog))
                try (Statement clear = connection.createStatement()) {
                    clear.executeUpdate("DELETE FROM " + changeLog);
                }
        } catch (SQLException e) {
            try (Connection connection = open(old)) {
                unguard(connection); // it stays the writer
            } catch (SQLException again) {
                e.addSuppressed(again);
            }
            throw new IllegalStateException(
                    "promoting " + newWriter + " to writer of " + cluster() + " failed: " + e.getMessage(), e);
        }
        writer = newWriter;
        changeLogInstalled = false;
        try {
            captureNewTables(false); // already in sync: no initial copy
        } catch (SQLException e) {
            // The next polls capture them, copying what they hold by then.
            log.warn("capturing {}'s changes of {} failed; retrying", newWriter, cluster(), e);
        }
        log.info("postgres {} writer {} -> {}", cluster(), old, newWriter);
    }

    /**
     * The writer's region is gone as far as replication goes (a region outage): from now on nothing more ships from it
     * and nothing in flight is applied, so a {@link #failover} counts all of it as lost. The writer's server itself
     * stays up, as the sandbox keeps a killed region's stores for its return.
     */
    public synchronized void isolateWriter() {
        writerIsolated = true;
        isolatedAtMillis = System.currentTimeMillis();
        log.warn("postgres {}: writer {} isolated, nothing more replicates from it", cluster(), writer);
    }

    private boolean writerIsolated;
    private long isolatedAtMillis;

    private synchronized void poll() {
        if (writerIsolated) return;
        try {
            if (polls++ % CAPTURE_EVERY_POLLS == 0) captureNewTables(true);
            readChanges();
            captureFailing = recovered(captureFailing, "capture on " + writer);
        } catch (SQLException | RuntimeException e) {
            captureFailing = paused(captureFailing, "capture on " + writer, e);
        }
        if (polls % CAPTURE_EVERY_POLLS == 1) {
            try {
                guard(standby());
                guardFailing = recovered(guardFailing, "read-only guard on " + standby());
            } catch (SQLException | RuntimeException e) {
                guardFailing = paused(guardFailing, "read-only guard on " + standby(), e);
            }
        }
        try {
            applyDue(); // also while the writer is unreachable: what was read still reaches the standby
            applyFailing = recovered(applyFailing, "apply on " + standby());
        } catch (SQLException | RuntimeException e) {
            applyFailing = paused(applyFailing, "apply on " + standby(), e);
        }
    }

    private boolean captureFailing;
    private boolean applyFailing;
    private boolean guardFailing;

    /**
     * Makes {@code region}'s copy read-only, as an Aurora global database's secondary is: every replicated table there
     * refuses INSERT, UPDATE, DELETE and TRUNCATE with SQLSTATE 25006 ({@code read_only_sql_transaction}). Tables that
     * appear later are guarded within a few polls. Replication and rejoins write with the replication role set, which
     * fires no triggers, so they pass; so do migrations, whose DDL no row trigger sees.
     */
    private void guard(String region) throws SQLException {
        String logSchema = settings.logSchema();
        try (Connection connection = open(region);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + logSchema);
            statement.execute("CREATE OR REPLACE FUNCTION " + logSchema + ".refuse_write() RETURNS trigger AS $$"
                    + " BEGIN RAISE EXCEPTION 'cannot % %.%: this copy of " + cluster() + " is a read-only standby',"
                    + " TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME USING ERRCODE = 'read_only_sql_transaction'; END"
                    + " $$ LANGUAGE plpgsql");
            for (String table : tables(connection, settings.readOnlyTriggerName(), false))
                statement.execute("CREATE TRIGGER " + settings.readOnlyTriggerName()
                        + " BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON " + table
                        + " FOR EACH STATEMENT EXECUTE FUNCTION " + logSchema + ".refuse_write()");
        }
    }

    /** Lets the writer's tables take writes again: drops the guard {@link #guard} put on them as a standby. */
    private void unguard(Connection writerConnection) throws SQLException {
        try (Statement statement = writerConnection.createStatement()) {
            for (String table : tables(writerConnection, settings.readOnlyTriggerName(), true))
                statement.execute("DROP TRIGGER IF EXISTS " + settings.readOnlyTriggerName() + " ON " + table);
        }
    }

    /**
     * The replicated tables (Flyway's history aside, which each region keeps for itself), quoted, in a stable order;
     * with a {@code trigger}, only those that have it ({@code having}) or lack it.
     */
    private List<String> tables(Connection connection, String trigger, boolean having) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT n.nspname, c.relname FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                + " AND NOT c.relispartition AND c.relname <> ?"
                + (trigger == null
                        ? ""
                        : " AND " + (having ? "" : "NOT ")
                                + "EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = ?)")
                + " ORDER BY 1, 2")) {
            select.setString(1, FLYWAY_HISTORY);
            if (trigger != null) select.setString(2, trigger);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next())
                    if (settings.schemas().matcher(rows.getString(1)).matches())
                        tables.add(qualified(rows.getString(1), rows.getString(2)));
            }
        }
        return tables;
    }

    /** Says once, loudly, that replication paused: one that stops silently makes every RPO figure a lie. */
    private boolean paused(boolean alreadyFailing, String what, Exception e) {
        if (!alreadyFailing) log.warn("postgres {} {} paused: {}", cluster(), what, e.toString());
        return true;
    }

    private boolean recovered(boolean wasFailing, String what) {
        if (wasFailing) log.info("postgres {} {} resumed", cluster(), what);
        return false;
    }

    /**
     * Installs the capture trigger on every replicated table of the writer that lacks it, queueing what it holds when
     * {@code copyExisting} (rows written before the trigger, e.g. by the migration that created the table).
     */
    private void captureNewTables(boolean copyExisting) throws SQLException {
        String logSchema = settings.logSchema();
        try (Connection connection = open(writer);
                Statement statement = connection.createStatement()) {
            if (!changeLogInstalled) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + logSchema);
                statement.execute("CREATE TABLE IF NOT EXISTS " + logSchema + ".change_log (seq bigserial PRIMARY"
                        + " KEY, txid bigint NOT NULL DEFAULT txid_current(), captured_at timestamptz NOT NULL"
                        + " DEFAULT clock_timestamp(), schema_name text NOT NULL, table_name text NOT NULL,"
                        + " op char(1) NOT NULL, row_data jsonb NOT NULL)");
                statement.execute("CREATE OR REPLACE FUNCTION " + logSchema + ".capture() RETURNS trigger AS $$"
                        + " BEGIN IF TG_OP = 'DELETE' THEN INSERT INTO " + logSchema + ".change_log (schema_name,"
                        + " table_name, op, row_data) VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME, 'D', to_jsonb(OLD));"
                        + " ELSE INSERT INTO " + logSchema + ".change_log (schema_name, table_name, op, row_data)"
                        + " VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME, 'U', to_jsonb(NEW)); END IF; RETURN NULL; END"
                        + " $$ LANGUAGE plpgsql");
                changeLogInstalled = true;
            }
            List<String> uncaptured = tables(connection, settings.triggerName(), false);
            for (String table : uncaptured) {
                try (Statement install = connection.createStatement()) {
                    install.execute("CREATE TRIGGER " + settings.triggerName() + " AFTER INSERT OR UPDATE OR DELETE"
                            + " ON " + table + " FOR EACH ROW EXECUTE FUNCTION " + logSchema + ".capture()");
                }
                // After the trigger: a row written meanwhile is both copied and logged, and applying it twice is
                // harmless (the log's later changes end where the writer is).
                if (copyExisting) copyExisting(connection, table);
            }
        }
    }

    /** The writer's replicated tables, quoted, in a stable order. */
    private List<String> replicatedTables(Connection connection) throws SQLException {
        return tables(connection, null, false);
    }

    private void copyExisting(Connection connection, String table) throws SQLException {
        long now = System.currentTimeMillis();
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT n.nspname, c.relname, to_jsonb(t)::text FROM " + table + " t JOIN pg_class c ON c.oid ="
                                + " t.tableoid JOIN pg_namespace n ON n.oid = c.relnamespace");
                ResultSet rows = select.executeQuery()) {
            while (rows.next())
                pending.add(new Change(rows.getString(1), rows.getString(2), 'U', rows.getString(3), now, now));
        }
    }

    /** Takes the changes of every finished transaction off the writer's log, in capture order. */
    private void readChanges() throws SQLException {
        String region = writer;
        Connection connection = pollingConnection(region);
        try (PreparedStatement take = connection.prepareStatement("DELETE FROM " + settings.logSchema()
                + ".change_log WHERE txid < txid_snapshot_xmin(txid_current_snapshot()) RETURNING seq,"
                + " schema_name, table_name, op, row_data::text,"
                + " floor(extract(epoch FROM captured_at) * 1000)::bigint")) {
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = take.executeQuery()) {
                while (result.next())
                    rows.add(new Object[] {
                        result.getLong(1),
                        result.getString(2),
                        result.getString(3),
                        result.getString(4),
                        result.getString(5),
                        result.getLong(6)
                    });
            }
            rows.sort((a, b) -> Long.compare((Long) a[0], (Long) b[0]));
            long now = System.currentTimeMillis();
            for (Object[] row : rows)
                pending.add(new Change(
                        (String) row[1],
                        (String) row[2],
                        ((String) row[3]).charAt(0),
                        (String) row[4],
                        (Long) row[5],
                        now));
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) return; // no log yet: nothing captured
            dropPollingConnection(region);
            throw e;
        }
    }

    private void applyDue() throws SQLException {
        long due = System.currentTimeMillis() - settings.lag().toMillis();
        if (pending.isEmpty() || pending.peekFirst().seenAtMillis() > due) return;
        String region = standby();
        Connection connection = pollingConnection(region);
        try {
            connection.setAutoCommit(false);
            try (Statement role = connection.createStatement()) {
                role.execute("SET LOCAL session_replication_role = replica");
            }
            List<Change> done = new ArrayList<>();
            for (Change change : pending) {
                if (change.seenAtMillis() > due) break;
                done.add(change);
            }
            applyAll(connection, done);
            connection.commit();
            connection.setAutoCommit(true); // the region may be the writer next, read in autocommit
            done.forEach(change -> pending.pollFirst());
            applied += done.size();
        } catch (SQLException | RuntimeException e) {
            dropPollingConnection(region); // rolls back what this attempt applied
            throw e;
        }
    }

    /**
     * Applies changes in order, table by table: a row's state on the standby is its last change's, so every row the
     * changes touched is deleted and the last image of each row not deleted is inserted. Two statements per table
     * instead of two per change: under load the standby keeps up instead of falling minutes behind.
     */
    private void applyAll(Connection connection, List<Change> changes) throws SQLException {
        Map<String, Map<String, Change>> lastByTable = new LinkedHashMap<>();
        for (Change change : changes) {
            String table = qualified(change.schema(), change.table());
            List<String> keys = primaryKeyOf(connection, table);
            JsonNode row;
            try {
                row = JSON.readTree(change.row());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a captured row of " + table + " is not JSON: " + change.row(), e);
            }
            StringBuilder key = new StringBuilder();
            for (String column : keys) { // quoted for SQL; the row's JSON names them bare
                String name = column.startsWith("\"") ? column.substring(1, column.length() - 1) : column;
                JsonNode value = row.get(name);
                if (value == null) throw new IllegalStateException(table + "'s key " + name + " is not in " + row);
                key.append(value).append('\u0000');
            }
            lastByTable.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(key.toString(), change);
        }
        for (Map.Entry<String, Map<String, Change>> entry : lastByTable.entrySet()) {
            String table = entry.getKey();
            String keyList = String.join(", ", primaryKeyOf(connection, table));
            Collection<Change> last = entry.getValue().values();
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE (" + keyList
                    + ") IN (SELECT " + keyList + " FROM jsonb_populate_recordset(NULL::" + table + ", ?::jsonb))")) {
                delete.setString(1, jsonArray(last));
                delete.executeUpdate();
            }
            List<Change> images = last.stream().filter(c -> c.op() != 'D').toList();
            if (images.isEmpty()) continue;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                    + " SELECT * FROM jsonb_populate_recordset(NULL::" + table + ", ?::jsonb)")) {
                insert.setString(1, jsonArray(images));
                insert.executeUpdate();
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String jsonArray(Collection<Change> changes) {
        StringBuilder array = new StringBuilder("[");
        for (Change change : changes) {
            if (array.length() > 1) array.append(',');
            array.append(change.row());
        }
        return array.append(']').toString();
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
                while (rows.next()) keys.add(quoted(rows.getString(1)));
            }
        }
        if (keys.isEmpty()) throw new IllegalStateException(table + " has no primary key to replicate by");
        primaryKeys.put(table, keys);
        return keys;
    }

    private boolean changeLogEmpty() {
        try (Connection connection = open(writer);
                Statement statement = connection.createStatement();
                ResultSet count =
                        statement.executeQuery("SELECT count(*) FROM " + settings.logSchema() + ".change_log")) {
            count.next();
            return count.getInt(1) == 0;
        } catch (SQLException e) {
            // No log yet: nothing was captured. An unreachable writer may hold anything: not in sync.
            return "42P01".equals(e.getSQLState());
        }
    }

    private Unread unreadChanges() {
        try (Connection connection = open(writer);
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*), floor(extract(epoch FROM"
                        + " min(captured_at)) * 1000)::bigint, floor(extract(epoch FROM max(captured_at)) * 1000)::bigint"
                        + " FROM " + settings.logSchema() + ".change_log")) {
            count.next();
            int unread = count.getInt(1);
            return unread == 0
                    ? new Unread(0, Long.MAX_VALUE, Long.MIN_VALUE)
                    : new Unread(unread, count.getLong(2), count.getLong(3));
        } catch (SQLException e) {
            // no log, or the writer is gone (a failover counts what it had read)
            return new Unread(0, Long.MAX_VALUE, Long.MIN_VALUE);
        }
    }

    private static boolean exists(Connection connection, String relation) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            select.setString(1, relation);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static String qualified(String schema, String table) {
        return quoted(schema) + "." + quoted(table);
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The connection the polls use to {@code region}, kept open between them (they run ten times a second). */
    private Connection pollingConnection(String region) throws SQLException {
        Connection connection = pollingConnections.get(region);
        if (connection == null) {
            connection = open(region);
            pollingConnections.put(region, connection);
        }
        return connection;
    }

    /** After an error the connection may be broken or inside a failed transaction: the next poll opens another. */
    private void dropPollingConnection(String region) {
        Connection connection = pollingConnections.remove(region);
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing {}'s connection failed: {}", region, e.toString());
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
        synchronized (this) {
            for (String region : List.copyOf(pollingConnections.keySet())) dropPollingConnection(region);
        }
    }

    @Override
    public String toString() {
        return "PostgresReplicator[" + cluster() + ", writer " + writer + "]";
    }
}
