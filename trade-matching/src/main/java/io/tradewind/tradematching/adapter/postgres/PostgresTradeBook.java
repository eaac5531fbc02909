package io.tradewind.tradematching.adapter.postgres;

import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.wire.WireJson;
import io.tradewind.platform.idempotency.CommandOutcomes;
import io.tradewind.platform.idempotency.IngestionDecisions;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.tradematching.adapter.postgres.LockedTrades.TradeRow;
import io.tradewind.tradematching.domain.AllocationSplit;
import io.tradewind.tradematching.domain.BookStatus;
import io.tradewind.tradematching.domain.CancelDecision;
import io.tradewind.tradematching.domain.MatchOutcome;
import io.tradewind.tradematching.domain.MatchReason;
import io.tradewind.tradematching.domain.PairingKey;
import io.tradewind.tradematching.domain.TradeMatcher;
import io.tradewind.tradematching.domain.TradeSide;
import io.tradewind.tradematching.flow.TradeCommand;
import io.tradewind.tradematching.flow.TradeEvent;
import io.tradewind.tradematching.stage.ingestion.TradeIntake;
import io.tradewind.tradematching.stage.matching.TradeBook;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The trade book on PostgreSQL. Booking is idempotent per trade id; matching runs a batch of commands in one
 * transaction, locking the batch's trades and their candidates ({@code FOR UPDATE}, see {@link LockedTrades}) so that
 * two workers can never pair the same side twice, and records the events of each input so that replaying it repeats them exactly.
 */
public final class PostgresTradeBook implements TradeIntake, TradeBook {
    private static final Logger log = LoggerFactory.getLogger(PostgresTradeBook.class);
    private static final String RECEIVED = "RECEIVED";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TradeMatcher matcher;
    private final DependencyGuard guard;
    private final Clock clock;
    private final CommandOutcomes<TradeEvent> outcomes = new CommandOutcomes<>(TradeEvent.class);

    private static final String HELD_COLUMNS =
            "p.input_key, p.trade_id, p.message_id, p.sender_id, p.trade_ref, p.received_at";
    private final IngestionDecisions decisions = new IngestionDecisions("trade", "trade_id", "sender_id", "trade_ref");

    public PostgresTradeBook(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            TradeMatcher matcher,
            DependencyGuard guard,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.matcher = matcher;
        this.guard = guard;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- ingestion

    @Override
    public Map<String, RejectedInput> rejectedBefore(Collection<String> inputKeys) {
        return guard.call(() ->
                jdbc.execute((ConnectionCallback<Map<String, RejectedInput>>) connection -> decisions.rejectedBefore(
                        connection,
                        inputKeys,
                        rejected -> new RejectedInput(
                                rejected.inputKey(),
                                rejected.recipient(),
                                rejected.messageId(),
                                rejected.subject(),
                                rejected.reasons(),
                                rejected.rejectedAt()))));
    }

    @Override
    public Map<String, BookedBefore> bookedBefore(Map<String, String> tradeIdByInputKey) {
        return guard.call(
                () -> jdbc.execute((ConnectionCallback<Map<String, BookedBefore>>) connection -> decisions.bookedBefore(
                        connection,
                        tradeIdByInputKey,
                        booked -> new BookedBefore(booked.id(), booked.partitionKey(), booked.messageId()))));
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
            insertRejections(rejectedNow);
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

    @Override
    public void recordRejections(List<RejectedInput> rejections) {
        guard.run(() -> insertRejections(rejections));
    }

    private void insertRejections(List<RejectedInput> rejections) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            decisions.record(
                    connection,
                    rejections,
                    r -> new IngestionDecisions.Rejected(
                            r.inputKey(), r.senderId(), r.messageId(), r.tradeRef(), r.reasons(), r.rejectedAt()));
            return null;
        });
    }

    private static java.sql.Array textArray(PreparedStatement statement, Collection<String> values)
            throws SQLException {
        return statement.getConnection().createArrayOf("text", values.toArray());
    }

    // ---------------------------------------------------------------- matching

    @Override
    public List<TradeEvent> applyAll(List<TradeCommand> commands) {
        return guard.call(
                () -> transaction.execute(status -> jdbc.execute((ConnectionCallback<List<TradeEvent>>) connection -> {
                    List<String> tradeIds = new ArrayList<>();
                    List<String> matchIds = new ArrayList<>();
                    for (TradeCommand command : commands)
                        if (command.kind() == TradeCommand.Kind.SETTLE) matchIds.add(command.matchId());
                        else tradeIds.add(command.tradeId());
                    LockedTrades book = LockedTrades.lock(connection, tradeIds, matchIds);
                    List<TradeEvent> events = outcomes.applyAll(
                            connection, commands, TradeCommand::inputKey, command -> decideCommand(book, command));
                    book.flush();
                    return events;
                })));
    }

    private List<TradeEvent> decideCommand(LockedTrades book, TradeCommand command) throws SQLException {
        return switch (command.kind()) {
            case MATCH -> match(book, command.tradeId());
            case CANCEL -> cancel(book, command);
            case SETTLE -> settle(book, command);
        };
    }

    /** Decides a trade that is booked but not yet decided. */
    private List<TradeEvent> match(LockedTrades book, String tradeId) throws SQLException {
        TradeRow incoming = book.get(tradeId);
        // Only a trade still waiting for its first decision is decided by its command. Commands of one pairing key
        // arrive in shard order, so an UNMATCHED candidate is always one whose own command ran before.
        if (!incoming.status().equals(RECEIVED)) return List.of();
        return decide(book, incoming, true);
    }

    /**
     * Pairs {@code incoming} with the best unpaired counterpart, if any.
     *
     * @param reportUnmatched whether finding no counterpart is news (a first decision) or not (a released trade that
     *     was already reported UNMATCHED)
     */
    private List<TradeEvent> decide(LockedTrades book, TradeRow incoming, boolean reportUnmatched) throws SQLException {
        List<TradeRow> candidates = book.candidatesFor(incoming);
        List<TradeRow> sides = new ArrayList<>(candidates.size() + 1);
        sides.add(incoming);
        sides.addAll(candidates);
        Map<String, List<Allocation>> allocations = book.allocationsOf(sides);
        Map<String, TradeRow> byId = new HashMap<>();
        candidates.forEach(c -> byId.put(c.tradeId(), c));
        MatchOutcome outcome = matcher.decide(
                toSide(incoming, allocations),
                candidates.stream().map(c -> toSide(c, allocations)).toList());
        if (outcome instanceof MatchOutcome.Matched matched)
            return pair(
                    book,
                    incoming,
                    byId.get(matched.counterpart().tradeId()),
                    matched.matchId(),
                    BookStatus.MATCHED,
                    List.of(),
                    allocations);
        if (outcome instanceof MatchOutcome.Mismatched mismatched)
            return pair(
                    book,
                    incoming,
                    byId.get(mismatched.counterpart().tradeId()),
                    mismatched.matchId(),
                    BookStatus.MISMATCHED,
                    mismatched.reasons(),
                    allocations);
        return reportUnmatched
                ? List.of(transition(
                        book, incoming, BookStatus.UNMATCHED, null, null, List.of(), null, incoming.messageId()))
                : List.of();
    }

    private List<TradeEvent> pair(
            LockedTrades book,
            TradeRow incoming,
            TradeRow counterpart,
            String matchId,
            BookStatus outcome,
            List<MatchReason> reasons,
            Map<String, List<Allocation>> allocations)
            throws SQLException {
        book.decidePair(matchId, incoming.tradeId(), counterpart.tradeId(), outcome, json(reasons), clock.instant());
        List<StatusReason> ours = reasons.stream()
                .map(r -> new StatusReason(r.field(), r.code(), r.ours(), r.theirs()))
                .toList();
        List<StatusReason> theirs = reasons.stream()
                .map(r -> new StatusReason(r.field(), r.code(), r.theirs(), r.ours()))
                .toList();
        TradeRow investmentManager =
                incoming.senderRole().equals(SenderRole.INVESTMENT_MANAGER.name()) ? incoming : counterpart;
        TradeEvent.MatchedSettlement settlement = outcome == BookStatus.MATCHED
                ? settlementOf(investmentManager, allocations.get(investmentManager.tradeId()))
                : null;
        TradeEvent first = transition(
                book,
                incoming,
                outcome,
                matchId,
                counterpart,
                ours,
                investmentManager == incoming ? settlement : null,
                incoming.messageId());
        TradeEvent second = transition(
                book,
                counterpart,
                outcome,
                matchId,
                incoming,
                theirs,
                investmentManager == counterpart ? settlement : null,
                counterpart.messageId());
        return List.of(first, second);
    }

    /**
     * Applies a CANCEL. Ingestion sends it after its trade's MATCH, but if it still finds the trade waiting for its
     * first decision (the MATCH was lost with a crash and is yet to be replayed), the trade is decided first, as its
     * MATCH would have: a CANCEL is never decided before its NEW, and the NEW is always answered.
     */
    private List<TradeEvent> cancel(LockedTrades book, TradeCommand command) throws SQLException {
        List<TradeEvent> events = new ArrayList<>();
        if (book.get(command.tradeId()).status().equals(RECEIVED))
            events.addAll(decide(book, book.get(command.tradeId()), true));
        TradeRow trade = book.get(command.tradeId());
        CancelDecision decision = TradeMatcher.onCancel(BookStatus.valueOf(trade.status()));
        if (decision instanceof CancelDecision.Refused refused) {
            events.add(new TradeEvent(
                    TradeEvent.rejectionReportId(command.inputKey()),
                    TradeStatus.REJECTED,
                    ref(trade),
                    command.messageId(),
                    trade.version(),
                    trade.matchId(),
                    null,
                    List.of(new StatusReason("tradeRef", refused.code(), trade.tradeRef(), refused.reason())),
                    null));
            return events;
        }
        CancelDecision.Cancelled cancelled = (CancelDecision.Cancelled) decision;
        TradeRow counterpart = cancelled.releasesCounterpart() && trade.counterpartTradeId() != null
                ? book.get(trade.counterpartTradeId())
                : null;
        events.add(transition(
                book, trade, BookStatus.CANCELLED, trade.matchId(), counterpart, List.of(), null, command.messageId()));
        if (counterpart != null) {
            events.add(transition(
                    book, counterpart, BookStatus.UNMATCHED, null, null, List.of(), null, counterpart.messageId()));
            // Released, it may pair at once with a side that was waiting for the same trade.
            events.addAll(decide(book, book.get(counterpart.tradeId()), false));
        }
        return events;
    }

    /**
     * Marks one allocation of a pair settled; when it was the last unsettled allocation of a MATCHED pair, both trades
     * become SETTLED. A confirmation for a pair we never matched, a dissolved pair, or an allocation already settled
     * changes nothing more than the allocation's flag and produces no event.
     */
    private List<TradeEvent> settle(LockedTrades book, TradeCommand command) throws SQLException {
        Optional<String[]> pair = book.pair(command.matchId());
        if (pair.isEmpty()) {
            log.warn(
                    "settlement confirmation {} names match {}, which trade matching never decided",
                    command.inputKey(),
                    command.matchId());
            return List.of();
        }
        String[] ids = pair.get();
        Arrays.sort(ids);
        TradeRow first = book.get(ids[0]);
        TradeRow second = book.get(ids[1]);
        TradeRow investmentManager = first.senderRole().equals(SenderRole.INVESTMENT_MANAGER.name()) ? first : second;
        boolean marked = book.settle(investmentManager.tradeId(), command.allocationId());
        boolean stillPaired = command.matchId().equals(first.matchId())
                && command.matchId().equals(second.matchId())
                && first.status().equals(BookStatus.MATCHED.name())
                && second.status().equals(BookStatus.MATCHED.name());
        if (!marked || !stillPaired) {
            if (!marked)
                log.info(
                        "settlement confirmation {}: allocation {} of match {} was settled already or is unknown",
                        command.inputKey(),
                        command.allocationId(),
                        command.matchId());
            return List.of();
        }
        if (book.unsettled(investmentManager.tradeId()) > 0) return List.of();
        return List.of(
                transition(
                        book, first, BookStatus.SETTLED, first.matchId(), second, List.of(), null, command.messageId()),
                transition(
                        book,
                        second,
                        BookStatus.SETTLED,
                        second.matchId(),
                        first,
                        List.of(),
                        null,
                        command.messageId()));
    }

    /** Moves a trade to {@code status}, bumps its version, and returns the event reporting it. */
    private TradeEvent transition(
            LockedTrades book,
            TradeRow trade,
            BookStatus status,
            String matchId,
            TradeRow counterpart,
            List<StatusReason> reasons,
            TradeEvent.MatchedSettlement settlement,
            String inReplyTo)
            throws SQLException {
        TradeRow moved =
                book.transition(trade.tradeId(), status, matchId, counterpart == null ? null : counterpart.tradeId());
        return new TradeEvent(
                TradeEvent.reportId(trade.tradeId(), moved.version(), status.toTradeStatus()),
                status.toTradeStatus(),
                ref(trade),
                inReplyTo,
                moved.version(),
                matchId,
                counterpart == null ? null : ref(counterpart),
                reasons,
                settlement);
    }

    private static TradeEvent.TradeRef ref(TradeRow trade) {
        return new TradeEvent.TradeRef(trade.tradeId(), trade.senderId(), trade.tradeRef());
    }

    private static TradeSide toSide(TradeRow trade, Map<String, List<Allocation>> allocations) {
        return new TradeSide(
                trade.tradeId(),
                trade.senderId(),
                SenderRole.valueOf(trade.senderRole()),
                trade.tradeRef(),
                new PairingKey(
                        trade.executingBroker(),
                        trade.investmentManager(),
                        Side.valueOf(trade.side()),
                        trade.security(),
                        trade.tradeDate(),
                        trade.quantity()),
                trade.price(),
                trade.currency(),
                trade.settlementDate(),
                trade.netAmount(),
                allocations.getOrDefault(trade.tradeId(), List.of()).stream()
                        .map(a -> new AllocationSplit(a.account(), a.quantity()))
                        .toList(),
                trade.arrivalSeq());
    }

    private static TradeEvent.MatchedSettlement settlementOf(TradeRow trade, List<Allocation> allocations) {
        return new TradeEvent.MatchedSettlement(
                Side.valueOf(trade.side()),
                trade.executingBroker(),
                trade.security(),
                trade.tradeDate(),
                trade.settlementDate(),
                trade.price(),
                trade.currency(),
                allocations);
    }

    private static String json(Object value) {
        try {
            return WireJson.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
