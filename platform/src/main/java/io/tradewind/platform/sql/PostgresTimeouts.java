package io.tradewind.platform.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The bounds on every wait for PostgreSQL, one set for every client: the apps' pools read {@value #RESOURCE} as Spring
 * settings, and the command-line tools open their connections here with its driver part (pgjdbc's {@code
 * connectTimeout}, {@code loginTimeout} and {@code socketTimeout}, and {@code options} setting the server's {@code
 * statement_timeout}, {@code lock_timeout} and {@code idle_in_transaction_session_timeout}).
 *
 * <p>When a server-side bound fires, PostgreSQL answers SQLSTATE {@value #QUERY_CANCELED} (query_canceled: the
 * statement timeout) or {@value #LOCK_NOT_AVAILABLE} (lock_not_available: the lock timeout). Those say the store is slow
 * or contended, never that it refused the input: they must stay transient dependency failures, retried with backoff
 * and never checkpointed past, even where classes 22, 23 and 54 (data exception, integrity violation, program limit)
 * are taken as the store refusing one input. {@link #isTimeout(Throwable)} tells them apart.
 */
public final class PostgresTimeouts {
    /** The bounds, as the apps' Spring settings. */
    public static final String RESOURCE = "io/tradewind/platform/sql/postgres-timeouts.properties";

    public static final String QUERY_CANCELED = "57014";
    public static final String LOCK_NOT_AVAILABLE = "55P03";

    private static final String DRIVER_PREFIX = "spring.datasource.hikari.data-source-properties.";

    private PostgresTimeouts() {}

    /** pgjdbc's connection properties that carry the bounds, as the apps' pools pass them to the driver. */
    public static Properties driverProperties() {
        Properties settings = new Properties();
        try (InputStream in = PostgresTimeouts.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            settings.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties driver = new Properties();
        for (String name : settings.stringPropertyNames())
            if (name.startsWith(DRIVER_PREFIX))
                driver.setProperty(name.substring(DRIVER_PREFIX.length()), settings.getProperty(name));
        return driver;
    }

    /** Opens a connection with the bounds; parameters of {@code jdbcUrl} override them. */
    public static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        Properties properties = driverProperties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** True when {@code failure} or one of its causes is a statement or lock timeout: retry, the input is not at fault. */
    public static boolean isTimeout(Throwable failure) {
        List<Throwable> seen = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !seen.contains(cause); cause = cause.getCause()) {
            seen.add(cause);
            if (cause instanceof SQLException sql
                    && (QUERY_CANCELED.equals(sql.getSQLState()) || LOCK_NOT_AVAILABLE.equals(sql.getSQLState())))
                return true;
        }
        return false;
    }
}
