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

/**
 * One region's PostgreSQL, standing in for that region's Aurora PostgreSQL instance: a real server process with its
 * own data directory and a {@code tradewind} database owned by the {@code postgres} user.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    public static final String DATABASE = "tradewind";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL on {@code port} (0 = a free one) with its binaries unpacked under {@code binariesDir}. */
    public static EmbeddedPostgresServer start(int port, Path dataDir, Path binariesDir) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(binariesDir.toFile())
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "off") // an emulator: speed over crash safety of the host
                // Tables here go from empty to tens of thousands of rows in a minute; analyze them as they grow so
                // plans made on an empty table (sequential scans) do not outlive it.
                .setServerConfig("autovacuum_naptime", "1")
                // initdb and the first start take seconds on a busy two-core machine: zonky's 10 s default is
                // too tight when both regions and the other emulators start at once.
                .setPGStartupWait(Duration.ofSeconds(60));
        if (port != 0) builder.setPort(port);
        EmbeddedPostgres postgres = builder.start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            postgres.close();
            throw new IOException("cannot create database " + DATABASE, e);
        }
        return new EmbeddedPostgresServer(postgres);
    }

    /**
     * Stops a PostgreSQL left running in {@code dataDir} by an earlier process that was killed (its shutdown hooks never
     * ran), so that the port and the directory are free again. Only the server named by that directory's own
     * {@code postmaster.pid} is touched.
     */
    public static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) return;
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) return;
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
                .filter(handle ->
                        handle.info().command().map(c -> c.endsWith("postgres")).orElse(false));
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

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
