package io.tradewind.localaws.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One region's PostgreSQL, standing in for that region's Aurora PostgreSQL instance: a real server process with its
 * own data directory and a {@code tradewind} database owned by the {@code postgres} user.
 *
 * <p>Its owner stops it: zonky's own JVM shutdown hook is off, because it stopped the database while the services'
 * connection pools were still closing and retrying against it (the sandbox stops its services first).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    public static final String DATABASE = "tradewind";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final Optional<ProcessHandle> postmaster;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, Optional<ProcessHandle> postmaster) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.postmaster = postmaster;
    }

    /** Starts PostgreSQL on {@code port} (0 = a free one) with its binaries unpacked under {@code binariesDir}. */
    public static EmbeddedPostgresServer start(int port, Path dataDir, Path binariesDir) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                // Not deleted when it stops (seconds of a stop, for nothing): the next start wipes the work dir.
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binariesDir.toFile())
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off") // an emulator: speed over crash safety of the host
                // Tables here go from empty to tens of thousands of rows in a minute; analyze them as they grow so
                // plans made on an empty table (sequential scans) do not outlive it.
                .setServerConfig("autovacuum_naptime", "1")
                // initdb and the first start take seconds on a busy two-core machine: zonky's 10 s default is
                // too tight when both regions and the other emulators start at once.
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false);
        if (port != 0) builder.setPort(port);
        EmbeddedPostgres postgres = builder.start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("cannot create database " + DATABASE, e);
        }
        return new EmbeddedPostgresServer(postgres, dataDir, postmasterOf(dataDir));
    }

    /** The server process that {@code dataDir}'s {@code postmaster.pid} names, if it runs PostgreSQL. */
    private static Optional<ProcessHandle> postmasterOf(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) return Optional.empty();
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) return Optional.empty();
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(handle ->
                        handle.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    /**
     * Stops a PostgreSQL left running in {@code dataDir} by an earlier process that was killed (its shutdown hooks never
     * ran), so that the port and the directory are free again. Only the server named by that directory's own
     * {@code postmaster.pid} is touched.
     */
    public static void stopOrphan(Path dataDir) throws IOException {
        Optional<ProcessHandle> orphan = postmasterOf(dataDir);
        if (orphan.isEmpty()) return;
        orphan.get().destroy(); // SIGTERM: PostgreSQL's "smart" shutdown
        try {
            orphan.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            orphan.get().destroyForcibly();
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The JDBC URL of the {@code tradewind} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}: open connections are cut, bounded at 5 s by zonky, which logs a
     * failure and returns) and kills it if it did not stop, so no server outlives its owner. A server that stopped has
     * removed its {@code postmaster.pid}, its last act (its process may stay a zombie a while, until it is reaped).
     */
    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            if (Files.exists(dataDir.resolve("postmaster.pid")))
                postmaster.filter(ProcessHandle::isAlive).ifPresent(process -> {
                    log.warn("PostgreSQL (pid {}) did not stop; killing it", process.pid());
                    process.destroyForcibly();
                });
        }
    }

    /** Kills the server at once, without waiting: for a JVM that halts. */
    public void kill() {
        postmaster.ifPresent(ProcessHandle::destroyForcibly);
    }
}
