package io.tradewind.tradematching.adapter.postgres;

import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.platform.idempotency.IngestionDecisions;
import io.tradewind.platform.idempotency.PostgresIngestionDecisions;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.tradematching.domain.BookStatus;
import io.tradewind.tradematching.domain.PairingKey;
import io.tradewind.tradematching.domain.TradeSide;
import io.tradewind.tradematching.stage.ingestion.TradeIntake;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.BookedBefore;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.RejectedInput;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ingestion's side of the trade book on PostgreSQL: books NEW trades idempotently per trade id, holds CANCELs whose
 * trade is not booked yet and releases or sweeps them, and records the inputs answered REJECTED so a replay answers them
 * again the same way.
 */
public final class PostgresTradeIntake extends PostgresIngestionDecisions<RejectedInput, BookedBefore>
        implements TradeIntake {
    private static final Mapping<RejectedInput, BookedBefore> DECISIONS = new Mapping<>(
            r -> new RejectedInput(
                    r.inputKey(), r.recipient(), r.messageId(), r.subject(), r.reasons(), r.rejectedAt()),
            r -> new IngestionDecisions.Rejected(
                    r.inputKey(), r.senderId(), r.messageId(), r.tradeRef(), r.reasons(), r.rejectedAt()),
            b -> new BookedBefore(b.id(), b.partitionKey(), b.messageId()));
    private static final String RECEIVED = BookStatus.RECEIVED.name();
    private static final String HELD_COLUMNS =
            "p.input_key, p.trade_id, p.message_id, p.sender_id, p.trade_ref, p.received_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final DependencyGuard guard;
    private final Clock clock;

    public PostgresTradeIntake(JdbcTemplate jdbc, TransactionTemplate transaction, DependencyGuard guard, Clock clock) {
        super(
                jdbc.getDataSource(),
                guard,
                new IngestionDecisions("trade", "trade_id", "sender_id", "trade_ref"),
                DECISIONS);
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.guard = guard;
        this.clock = clock;
    }

    @Override
    public Bookings bookAll(List<NewTrade> trades, Collection<String> bookedBefore) {
        return guard.call(() -> transaction.execute(status -> {
            List<Booking> bookings = trades.isEmpty() ? List.of() : book(trades);
            Set<String> tradeIds = new LinkedHashSet<>(bookedBefore);
            for (NewTrade trade : trades)
                tradeIds.add(TradeSide.tradeIdOf(
                        trade.trade().senderId(), trade.trade().tradeRef()));
            return new Bookings(bookings, release(tradeIds));
        }));
    }

    private List<Booking> book(List<NewTrade> trades) {
        List<Object[]> rows = new ArrayList<>(trades.size());
        for (NewTrade newTrade : trades) {
            TradeMessage trade = newTrade.trade();
            rows.add(new Object[] {
                TradeSide.tradeIdOf(trade.senderId(), trade.tradeRef()),
                trade.senderId(),
                trade.senderRole().name(),
                trade.tradeRef(),
                trade.messageId(),
                newTrade.inputKey(),
                trade.executingBroker(),
                trade.investmentManager(),
                trade.side().name(),
                trade.security(),
                trade.quantity(),
                trade.price(),
                trade.currency(),
                trade.tradeDate(),
                trade.settlementDate(),
                trade.netAmount(),
                pairingKey(trade).asPartitionKey(),
                Timestamp.from(newTrade.receivedAt()),
                RECEIVED
            });
        }
        int[] inserted = jdbc.batchUpdate(
                "INSERT INTO trade (trade_id, sender_id, sender_role, trade_ref, message_id, input_key,"
                        + " executing_broker, investment_manager, side, security, quantity, price, currency,"
                        + " trade_date, settlement_date, net_amount, pairing_key, received_at, status)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (trade_id) DO NOTHING",
                rows);
        List<Object[]> allocations = new ArrayList<>();
        for (int i = 0; i < trades.size(); i++) {
            if (inserted[i] != 1) continue; // booked before (or earlier in this batch): its allocations are there
            String tradeId = (String) rows.get(i)[0];
            for (Allocation a : trades.get(i).trade().allocations())
                allocations.add(new Object[] {tradeId, a.allocationId(), a.account(), a.quantity()});
        }
        jdbc.batchUpdate(
                "INSERT INTO trade_allocation (trade_id, allocation_id, account, quantity) VALUES (?,?,?,?)",
                allocations);
        // Who booked each trade id, in one query: this message (booked now, or a replay) or another one.
        Map<String, String[]> bookedBy = new HashMap<>();
        List<String> ids = rows.stream().map(row -> (String) row[0]).distinct().toList();
        jdbc.query(
                "SELECT trade_id, message_id, pairing_key FROM trade WHERE trade_id = ANY (?)",
                ps -> ps.setArray(1, textArray(ps, ids)),
                rs -> {
                    bookedBy.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                });
        List<Booking> bookings = new ArrayList<>(trades.size());
        for (int i = 0; i < trades.size(); i++) {
            String tradeId = (String) rows.get(i)[0];
            String[] by = bookedBy.get(tradeId);
            bookings.add(
                    by[0].equals(trades.get(i).trade().messageId())
                            ? new Booked(tradeId, by[1])
                            : new DuplicateTradeRef(tradeId, by[0]));
        }
        return bookings;
    }

    /**
     * Releases the cancels held for these (booked) trades, and those released before that matching has not applied
     * yet, oldest first. The row lock it takes on each hold orders it with a sweep deciding the same hold: whichever
     * comes second finds the hold decided.
     */
    private List<ReleasedCancel> release(Collection<String> tradeIds) {
        List<ReleasedCancel> released = jdbc.query(
                "UPDATE pending_cancel p SET released_at = coalesce(p.released_at, ?) FROM trade t"
                        + " WHERE t.trade_id = p.trade_id AND p.trade_id = ANY (?) AND p.rejected_at IS NULL"
                        + " RETURNING " + HELD_COLUMNS + ", t.pairing_key",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(clock.instant()));
                    ps.setArray(2, textArray(ps, tradeIds));
                },
                (rs, row) -> new ReleasedCancel(heldCancel(rs), rs.getString("pairing_key")));
        released.sort(Comparator.comparing((ReleasedCancel r) -> r.cancel().receivedAt())
                .thenComparing(r -> r.cancel().inputKey()));
        return released;
    }

    /**
     * One statement: holds the cancels whose trade is not booked and reads the booked ones' partition keys, from one
     * snapshot. A booking that commits after that snapshot releases what this holds, unless it missed the hold
     * (neither saw the other's uncommitted row); then the sweep finds the trade booked and releases the hold itself.
     */
    @Override
    public Map<String, String> holdUnbooked(List<HeldCancel> cancels, Instant heldAt) {
        if (cancels.isEmpty()) return Map.of();
        return guard.call(() -> {
            Map<String, String> booked = new HashMap<>();
            jdbc.query(
                    "WITH c AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                            + " ?::timestamptz[]) AS c(input_key, trade_id, message_id, sender_id, trade_ref,"
                            + " received_at)), held AS (INSERT INTO pending_cancel (input_key, trade_id, message_id,"
                            + " sender_id, trade_ref, received_at, held_at) SELECT c.*, ? FROM c WHERE NOT EXISTS"
                            + " (SELECT 1 FROM trade t WHERE t.trade_id = c.trade_id) ON CONFLICT (input_key) DO NOTHING)"
                            + " SELECT t.trade_id, t.pairing_key FROM trade t WHERE t.trade_id IN (SELECT trade_id FROM c)",
                    ps -> {
                        ps.setArray(
                                1,
                                textArray(
                                        ps,
                                        cancels.stream()
                                                .map(HeldCancel::inputKey)
                                                .toList()));
                        ps.setArray(
                                2,
                                textArray(
                                        ps,
                                        cancels.stream()
                                                .map(HeldCancel::tradeId)
                                                .toList()));
                        ps.setArray(
                                3,
                                textArray(
                                        ps,
                                        cancels.stream()
                                                .map(HeldCancel::messageId)
                                                .toList()));
                        ps.setArray(
                                4,
                                textArray(
                                        ps,
                                        cancels.stream()
                                                .map(HeldCancel::senderId)
                                                .toList()));
                        ps.setArray(
                                5,
                                textArray(
                                        ps,
                                        cancels.stream()
                                                .map(HeldCancel::tradeRef)
                                                .toList()));
                        ps.setArray(
                                6,
                                ps.getConnection()
                                        .createArrayOf(
                                                "timestamptz",
                                                cancels.stream()
                                                        .map(c -> Timestamp.from(c.receivedAt()))
                                                        .toArray()));
                        ps.setTimestamp(7, Timestamp.from(heldAt));
                    },
                    rs -> {
                        booked.put(rs.getString(1), rs.getString(2));
                    });
            return booked;
        });
    }

    /**
     * Locks the holds due ({@code SKIP LOCKED}: one a booking is releasing is left to it), reads whether their trade is
     * booked after all, and decides each in the same transaction.
     */
    @Override
    public Sweep sweepHeldCancels(Instant heldBefore, int limit, Function<HeldCancel, RejectedInput> reject) {
        return guard.call(() -> transaction.execute(status -> {
            List<RejectedInput> rejected = new ArrayList<>();
            List<RejectedInput> rejectedNow = new ArrayList<>();
            List<ReleasedCancel> released = new ArrayList<>();
            jdbc.query(
                    "SELECT " + HELD_COLUMNS + ", p.rejected_at, t.pairing_key FROM pending_cancel p"
                            + " LEFT JOIN trade t ON t.trade_id = p.trade_id"
                            + " WHERE p.released_at IS NULL AND (p.rejected_at IS NOT NULL OR p.held_at < ?)"
                            + " ORDER BY p.held_at, p.input_key LIMIT ? FOR UPDATE OF p SKIP LOCKED",
                    ps -> {
                        ps.setTimestamp(1, Timestamp.from(heldBefore));
                        ps.setInt(2, limit);
                    },
                    rs -> {
                        HeldCancel cancel = heldCancel(rs);
                        if (rs.getTimestamp("rejected_at") != null) {
                            rejected.add(reject.apply(cancel)); // recorded by a sweep that did not publish it
                        } else if (rs.getString("pairing_key") != null) {
                            released.add(new ReleasedCancel(cancel, rs.getString("pairing_key")));
                        } else {
                            RejectedInput rejection = reject.apply(cancel);
                            rejected.add(rejection);
                            rejectedNow.add(rejection);
                        }
                    });
            jdbc.execute((ConnectionCallback<Void>) connection -> {
                recordRejections(connection, rejectedNow); // in the sweep's transaction
                return null;
            });
            Timestamp now = Timestamp.from(clock.instant());
            mark(
                    "released_at",
                    released.stream().map(r -> r.cancel().inputKey()).toList(),
                    now);
            mark(
                    "rejected_at",
                    rejectedNow.stream().map(RejectedInput::inputKey).toList(),
                    now);
            return new Sweep(rejected, released);
        }));
    }

    private void mark(String column, List<String> inputKeys, Timestamp at) {
        if (inputKeys.isEmpty()) return;
        jdbc.update("UPDATE pending_cancel SET " + column + " = ? WHERE input_key = ANY (?)", ps -> {
            ps.setTimestamp(1, at);
            ps.setArray(2, textArray(ps, inputKeys));
        });
    }

    /**
     * Deletes the holds that need no keeping: rejections published, and releases matching has applied (a replayed
     * booking no longer needs to send them). Skips a hold locked elsewhere; a later sweep deletes it.
     */
    @Override
    public void forgetHolds(Collection<String> publishedRejections) {
        guard.run(() -> jdbc.update(
                "DELETE FROM pending_cancel WHERE input_key IN (SELECT p.input_key FROM pending_cancel p"
                        + " WHERE (p.rejected_at IS NOT NULL AND p.input_key = ANY (?)) OR (p.released_at IS NOT NULL"
                        + " AND EXISTS (SELECT 1 FROM applied_input a WHERE a.input_key = p.input_key))"
                        + " FOR UPDATE SKIP LOCKED)",
                ps -> ps.setArray(1, textArray(ps, publishedRejections))));
    }

    private static HeldCancel heldCancel(ResultSet rs) throws SQLException {
        return new HeldCancel(
                rs.getString("trade_id"),
                rs.getString("input_key"),
                rs.getString("message_id"),
                rs.getString("sender_id"),
                rs.getString("trade_ref"),
                rs.getTimestamp("received_at").toInstant());
    }

    private static PairingKey pairingKey(TradeMessage trade) {
        return new PairingKey(
                trade.executingBroker(),
                trade.investmentManager(),
                trade.side(),
                trade.security(),
                trade.tradeDate(),
                trade.quantity());
    }

    private static java.sql.Array textArray(PreparedStatement statement, Collection<String> values)
            throws SQLException {
        return statement.getConnection().createArrayOf("text", values.toArray());
    }
}
