package io.tradewind.settlementmatching.adapter.postgres;

import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.settlementmatching.stage.egress.ConfirmationStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The confirmations egress built, on PostgreSQL, once per message id. */
public final class PostgresConfirmationStore implements ConfirmationStore {
    private final JdbcTemplate jdbc;
    private final DependencyGuard guard;
    private final Clock clock;

    public PostgresConfirmationStore(JdbcTemplate jdbc, DependencyGuard guard, Clock clock) {
        this.jdbc = jdbc;
        this.guard = guard;
        this.clock = clock;
    }

    @Override
    public void storeAll(List<SettlementConfirmation> confirmations) {
        if (confirmations.isEmpty()) return;
        Timestamp now = Timestamp.from(clock.instant());
        guard.run(() -> jdbc.batchUpdate(
                "INSERT INTO confirmation (message_id, settlement_match_id, match_id, allocation_id, payload,"
                        + " created_at) VALUES (?,?,?,?,?,?) ON CONFLICT (message_id) DO NOTHING",
                confirmations.stream()
                        .map(c -> new Object[] {
                            c.messageId(),
                            c.settlementMatchId(),
                            c.matchId(),
                            c.allocationId(),
                            WireCodec.encode(c),
                            now
                        })
                        .toList()));
    }
}
