package io.tradewind.platform.idempotency;

import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Ingestion's final decisions in the app's PostgreSQL, for an app's intake adapter to extend: which inputs were
 * answered REJECTED (so a replay answers them the same way) and which input booked which row (so a replayed NEW stays
 * booked). The app names its tables and columns ({@link IngestionDecisions}) and how its own types map to the rows.
 *
 * @param <R> the app's rejected input
 * @param <B> the app's record of an input that booked its row
 */
public abstract class PostgresIngestionDecisions<R, B> implements DecidedInputs<R, B> {
    /** How an app's own types map to the rows of its decisions. */
    public record Mapping<R, B>(
            Function<IngestionDecisions.Rejected, R> rejection,
            Function<R, IngestionDecisions.Rejected> recorded,
            Function<IngestionDecisions.Booked, B> booked) {}

    private final DataSource database;
    private final DependencyGuard guard;
    private final IngestionDecisions decisions;
    private final Mapping<R, B> mapping;

    protected PostgresIngestionDecisions(
            DataSource database, DependencyGuard guard, IngestionDecisions decisions, Mapping<R, B> mapping) {
        this.database = database;
        this.guard = guard;
        this.decisions = decisions;
        this.mapping = mapping;
    }

    @Override
    public Map<String, R> rejectedBefore(Collection<String> inputKeys) {
        return guard.call(() ->
                withConnection(connection -> decisions.rejectedBefore(connection, inputKeys, mapping.rejection())));
    }

    @Override
    public Map<String, B> bookedBefore(Map<String, String> idByInputKey) {
        return guard.call(
                () -> withConnection(connection -> decisions.bookedBefore(connection, idByInputKey, mapping.booked())));
    }

    /** An input rejected before keeps its first rejection. */
    @Override
    public void recordRejections(List<R> rejections) {
        guard.call(() -> withConnection(connection -> {
            decisions.record(connection, rejections, mapping.recorded());
            return null;
        }));
    }

    /** Records rejections on {@code connection}, inside the caller's transaction (a sweep deciding held inputs). */
    protected void recordRejections(Connection connection, List<R> rejections) throws SQLException {
        decisions.record(connection, rejections, mapping.recorded());
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T withConnection(SqlWork<T> work) {
        // Autocommit: each read or insert stands on its own, outside the booking's transaction.
        try (Connection connection = database.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new DependencyUnavailableException("postgres", "ingestion decisions: " + e.getMessage(), e);
        }
    }
}
