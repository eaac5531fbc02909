package io.tradewind.tradematching.adapter.postgres;

import io.tradewind.platform.idempotency.CommandOutcomes;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.tradematching.domain.BookCommand;
import io.tradewind.tradematching.domain.TradeId;
import io.tradewind.tradematching.domain.TradeLifecycle;
import io.tradewind.tradematching.domain.TradeLifecycleEvent;
import io.tradewind.tradematching.domain.TradeMatcher;
import io.tradewind.tradematching.flow.TradeCommand;
import io.tradewind.tradematching.flow.TradeEvent;
import io.tradewind.tradematching.flow.TradeEvents;
import io.tradewind.tradematching.stage.matching.TradeBook;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Matching's side of the trade book on PostgreSQL: a batch of commands runs in one transaction, locking the batch's
 * trades and their candidates ({@code FOR UPDATE}, see {@link LockedTrades}) so that two workers can never pair the same
 * side twice, letting the domain's {@link TradeLifecycle} decide, recording the events of each input so that replaying
 * it repeats them exactly, and writing the changes. Ingestion's side is {@link PostgresTradeIntake}.
 */
public final class PostgresTradeBook implements TradeBook {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TradeLifecycle lifecycle;
    private final DependencyGuard guard;
    private final CommandOutcomes<TradeEvent> outcomes = new CommandOutcomes<>(TradeEvent.class);

    public PostgresTradeBook(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            TradeMatcher matcher,
            DependencyGuard guard,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.lifecycle = new TradeLifecycle(matcher, clock);
        this.guard = guard;
    }

    @Override
    public List<TradeLifecycleEvent> applyAll(List<TradeCommand> commands) {
        return guard.call(() -> transaction.execute(
                status -> jdbc.execute((ConnectionCallback<List<TradeLifecycleEvent>>) connection -> {
                    List<String> tradeIds = new ArrayList<>();
                    List<String> matchIds = new ArrayList<>();
                    for (TradeCommand command : commands)
                        if (command.kind() == TradeCommand.Kind.SETTLE) matchIds.add(command.matchId());
                        else tradeIds.add(command.tradeId());
                    LockedTrades locked = LockedTrades.lock(connection, tradeIds, matchIds);
                    TradeLifecycle.Batch batch = lifecycle.begin(locked);
                    List<TradeLifecycleEvent> events = outcomes.applyAll(
                            connection,
                            commands,
                            TradeCommand::inputKey,
                            command -> apply(batch, command),
                            TradeEvents::of,
                            TradeEvents::lifecycleEventOf);
                    locked.write(batch.changes());
                    return events;
                })));
    }

    private static List<TradeLifecycleEvent> apply(TradeLifecycle.Batch batch, TradeCommand command)
            throws SQLException {
        try {
            return batch.apply(bookCommand(command));
        } catch (LockedTrades.BookUnavailable e) {
            throw (SQLException) e.getCause(); // as if the book had queried in the decision itself
        }
    }

    private static BookCommand bookCommand(TradeCommand command) {
        return switch (command.kind()) {
            case MATCH ->
                new BookCommand.MatchTrade(new TradeId(command.tradeId()), command.inputKey(), command.messageId());
            case CANCEL ->
                new BookCommand.CancelTrade(new TradeId(command.tradeId()), command.inputKey(), command.messageId());
            case SETTLE ->
                new BookCommand.SettleAllocation(
                        command.matchId(), command.allocationId(), command.inputKey(), command.messageId());
        };
    }
}
