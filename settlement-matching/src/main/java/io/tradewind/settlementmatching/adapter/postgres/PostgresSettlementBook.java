package io.tradewind.settlementmatching.adapter.postgres;

import io.tradewind.platform.idempotency.CommandOutcomes;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.settlementmatching.domain.InstructionEvent;
import io.tradewind.settlementmatching.domain.InstructionId;
import io.tradewind.settlementmatching.domain.SettlementLifecycle;
import io.tradewind.settlementmatching.domain.SettlementMatcher;
import io.tradewind.settlementmatching.flow.SettlementCommand;
import io.tradewind.settlementmatching.flow.SettlementEvent;
import io.tradewind.settlementmatching.stage.matching.SettlementBook;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settlement book on PostgreSQL. A batch of commands runs in one transaction: it locks the batch's instructions and
 * their candidates ({@code FOR UPDATE}, see {@link LockedInstructions}) so no instruction is paired twice, lets the
 * {@link SettlementLifecycle} decide each command not applied before, records the events of each input so that
 * replaying it repeats them exactly, and writes the changes the batch left.
 *
 */
public final class PostgresSettlementBook implements SettlementBook {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final SettlementLifecycle lifecycle;
    private final DependencyGuard guard;
    private final CommandOutcomes<SettlementEvent> outcomes = new CommandOutcomes<>(SettlementEvent.class);

    public PostgresSettlementBook(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            SettlementMatcher matcher,
            DependencyGuard guard,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.lifecycle = new SettlementLifecycle(matcher, clock);
        this.guard = guard;
    }

    @Override
    public List<InstructionEvent> applyAll(List<SettlementCommand> commands) {
        return guard.call(() ->
                transaction.execute(status -> jdbc.execute((ConnectionCallback<List<InstructionEvent>>) connection -> {
                    LockedInstructions locked = LockedInstructions.lock(
                            connection,
                            commands.stream()
                                    .map(SettlementCommand::instructionId)
                                    .toList());
                    SettlementLifecycle.Batch batch = lifecycle.begin(locked.instructions());
                    List<InstructionEvent> events = outcomes.applyAll(
                            connection,
                            commands,
                            SettlementCommand::inputKey,
                            command -> batch.decide(new InstructionId(command.instructionId())),
                            SettlementEvent::of,
                            SettlementEvent::toDomain);
                    locked.write(batch.changes(), batch.settledPairs());
                    return events;
                })));
    }
}
