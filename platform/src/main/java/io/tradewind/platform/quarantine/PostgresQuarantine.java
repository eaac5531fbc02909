package io.tradewind.platform.quarantine;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quarantine in table {@code quarantine} of the app's PostgreSQL (the Aurora global database on AWS, so it
 * replicates with the rest of the app's state). The app's Flyway migrations create the table; the ops console lists
 * and replays it.
 */
public final class PostgresQuarantine implements Quarantine {
    private static final Logger log = LoggerFactory.getLogger(PostgresQuarantine.class);

    private final DataSource dataSource;
    private final DependencyGuard guard;
    private final MeterRegistry meters;

    public PostgresQuarantine(DataSource dataSource, DependencyGuard guard, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.guard = guard;
        this.meters = meters;
    }

    @Override
    public void hold(QuarantinedInput input) {
        int inserted = guard.call(() -> insert(input));
        if (inserted == 0) return; // quarantined before: a redelivery or a replayed shard
        log.warn(
                "quarantined {} at {} from {}: {} ({}); {} bytes kept",
                input.quarantineId(),
                input.stage(),
                input.source(),
                input.reason(),
                input.detail(),
                input.payload().length);
        counter(meters, input.stage(), input.reason()).increment();
    }

    /** The counter of inputs quarantined by {@code stage} for {@code reason}. */
    public static Counter counter(MeterRegistry meters, String stage, String reason) {
        return Counter.builder(METER)
                .description("inputs taken out of the flow and kept for an operator")
                .tag("stage", stage)
                .tag("reason", reason)
                .register(meters);
    }

    private int insert(QuarantinedInput input) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO quarantine (quarantine_id, stage, source, partition_key, reason, detail, payload,"
                                + " quarantined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (quarantine_id) DO NOTHING")) {
            insert.setString(1, input.quarantineId());
            insert.setString(2, input.stage());
            insert.setString(3, input.source());
            insert.setString(4, input.partitionKey());
            insert.setString(5, input.reason());
            insert.setString(6, input.detail());
            insert.setBytes(7, input.payload());
            insert.setTimestamp(8, Timestamp.from(input.quarantinedAt()));
            return insert.executeUpdate();
        } catch (SQLException e) {
            // Everything this statement writes has been made printable and cut to fit, so the quarantine itself never
            // refuses an input: a failure here is the database, and the caller retries.
            throw new DependencyUnavailableException("postgres", "quarantine: " + e.getMessage(), e);
        }
    }
}
