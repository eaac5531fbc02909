package io.tradewind.tradematching.adapter.postgres;

import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.tradematching.stage.egress.InstructionStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Settlement instructions in PostgreSQL, written once per instruction id. */
public final class PostgresInstructionStore implements InstructionStore {
    private final JdbcTemplate jdbc;
    private final DependencyGuard guard;
    private final Clock clock;

    public PostgresInstructionStore(JdbcTemplate jdbc, DependencyGuard guard, Clock clock) {
        this.jdbc = jdbc;
        this.guard = guard;
        this.clock = clock;
    }

    @Override
    public void storeAll(List<SettlementInstruction> instructions) {
        if (instructions.isEmpty()) return;
        Timestamp now = Timestamp.from(clock.instant());
        guard.run(() -> jdbc.batchUpdate(
                "INSERT INTO settlement_instruction (instruction_id, match_id, allocation_id, direction, payload,"
                        + " created_at) VALUES (?,?,?,?,?,?) ON CONFLICT (instruction_id) DO NOTHING",
                instructions.stream()
                        .map(i -> new Object[] {
                            i.instructionId(),
                            i.matchId(),
                            i.allocationId(),
                            i.direction().name(),
                            WireCodec.encode(i),
                            now
                        })
                        .toList()));
    }
}
