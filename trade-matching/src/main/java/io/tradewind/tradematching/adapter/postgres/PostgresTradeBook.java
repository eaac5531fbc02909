package io.tradewind.tradematching.adapter.postgres;

import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.wire.WireJson;
import io.tradewind.platform.idempotency.CommandOutcomes;
import io.tradewind.platform.resilience.DependencyGuard;
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
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The trade book on PostgreSQL. Booking is idempotent per trade id; matching runs a batch of commands in one
 * transaction, locking the incoming trade and its candidates ({@code FOR UPDATE}) so that two workers can never pair
 * the same side twice, and records the events of each input so that replaying it repeats them exactly.
 */
public final class PostgresTradeBook implements TradeIntake, TradeBook {
    private static final Logger log = LoggerFactory.getLogger(PostgresTradeBook.class);
    private static final String RECEIVED = "RECEIVED";
    private static final String TRADE_COLUMNS = "trade_id, sender_id, sender_role, trade_ref, message_id,"
            + " executing_broker, investment_manager, side, security, quantity, price, currency, trade_date,"
            + " settlement_date, net_amount, pairing_key, arrival_seq, status, version, match_id,"
            + " counterpart_trade_id";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TradeMatcher matcher;
    private final DependencyGuard guard;
    private final Clock clock;
    private final CommandOutcomes<TradeEvent> outcomes = new CommandOutcomes<>(TradeEvent.class);

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
    public List<Booking> bookAll(List<NewTrade> trades) {
        return guard.call(() -> transaction.execute(status -> {
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
            String[] ids = rows.stream().map(row -> (String) row[0]).distinct().toArray(String[]::new);
            jdbc.query(
                    "SELECT trade_id, message_id, pairing_key FROM trade WHERE trade_id = ANY (?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids)),
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
        }));
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
    public Optional<String> partitionKeyOf(String tradeId) {
        return guard.call(() ->
                jdbc.queryForList("SELECT pairing_key FROM trade WHERE trade_id = ?", String.class, tradeId).stream()
                        .findFirst());
    }

    @Override
    public void recordRejections(List<RejectedInput> rejections) {
        if (rejections.isEmpty()) return;
        guard.run(() -> jdbc.batchUpdate(
                "INSERT INTO rejected_input (input_key, sender_id, message_id, reasons, rejected_at)"
                        + " VALUES (?,?,?,?,?) ON CONFLICT (input_key) DO NOTHING",
                rejections.stream()
                        .map(r -> new Object[] {
                            r.inputKey(), r.senderId(), r.messageId(), json(r.reasons()), Timestamp.from(r.rejectedAt())
                        })
                        .toList()));
    }

    // ---------------------------------------------------------------- matching

    @Override
    public List<TradeEvent> applyAll(List<TradeCommand> commands) {
        return guard.call(() -> transaction.execute(status -> jdbc.execute((ConnectionCallback<List<TradeEvent>>)
                connection -> outcomes.applyAll(connection, commands, TradeCommand::inputKey, this::decideCommand))));
    }

    private List<TradeEvent> decideCommand(TradeCommand command) {
        return switch (command.kind()) {
            case MATCH -> match(command.tradeId());
            case CANCEL -> cancel(command);
            case SETTLE -> settle(command);
        };
    }

    /** Decides a trade that is booked but not yet decided. */
    private List<TradeEvent> match(String tradeId) {
        TradeRow incoming = lockTrade(tradeId);
        // Only a trade still waiting for its first decision is decided by its command. Commands of one pairing key
        // arrive in shard order, so an UNMATCHED candidate is always one whose own command ran before.
        if (!incoming.status().equals(RECEIVED)) return List.of();
        return decide(incoming, true);
    }

    /**
     * Pairs {@code incoming} with the best unpaired counterpart, if any, locking the candidates.
     *
     * @param reportUnmatched whether finding no counterpart is news (a first decision) or not (a released trade that
     *     was already reported UNMATCHED)
     */
    private List<TradeEvent> decide(TradeRow incoming, boolean reportUnmatched) {
        List<TradeRow> candidates = jdbc.query(
                "SELECT " + TRADE_COLUMNS + " FROM trade WHERE pairing_key = ? AND status = 'UNMATCHED'"
                        + " AND sender_role = ? AND trade_id <> ? ORDER BY arrival_seq FOR UPDATE",
                PostgresTradeBook::tradeRow,
                incoming.pairingKey(),
                SenderRole.valueOf(incoming.senderRole()).counterpart().name(),
                incoming.tradeId());
        Map<String, List<Allocation>> allocations = allocationsOf(incoming, candidates);
        Map<String, TradeRow> byId = new HashMap<>();
        candidates.forEach(c -> byId.put(c.tradeId(), c));
        MatchOutcome outcome = matcher.decide(
                incoming.toSide(allocations),
                candidates.stream().map(c -> c.toSide(allocations)).toList());
        if (outcome instanceof MatchOutcome.Matched matched)
            return pair(
                    incoming,
                    byId.get(matched.counterpart().tradeId()),
                    matched.matchId(),
                    BookStatus.MATCHED,
                    List.of(),
                    allocations);
        if (outcome instanceof MatchOutcome.Mismatched mismatched)
            return pair(
                    incoming,
                    byId.get(mismatched.counterpart().tradeId()),
                    mismatched.matchId(),
                    BookStatus.MISMATCHED,
                    mismatched.reasons(),
                    allocations);
        return reportUnmatched
                ? List.of(transition(incoming, BookStatus.UNMATCHED, null, null, List.of(), null, incoming.messageId()))
                : List.of();
    }

    private List<TradeEvent> pair(
            TradeRow incoming,
            TradeRow counterpart,
            String matchId,
            BookStatus outcome,
            List<MatchReason> reasons,
            Map<String, List<Allocation>> allocations) {
        jdbc.update(
                "INSERT INTO trade_match (match_id, trade_id_a, trade_id_b, outcome, reasons, decided_at)"
                        + " VALUES (?,?,?,?,?,?) ON CONFLICT (match_id) DO UPDATE SET outcome = EXCLUDED.outcome,"
                        + " reasons = EXCLUDED.reasons, decided_at = EXCLUDED.decided_at",
                matchId,
                incoming.tradeId(),
                counterpart.tradeId(),
                outcome.name(),
                json(reasons),
                Timestamp.from(clock.instant()));
        List<StatusReason> ours = reasons.stream()
                .map(r -> new StatusReason(r.field(), r.code(), r.ours(), r.theirs()))
                .toList();
        List<StatusReason> theirs = reasons.stream()
                .map(r -> new StatusReason(r.field(), r.code(), r.theirs(), r.ours()))
                .toList();
        TradeRow investmentManager =
                incoming.senderRole().equals(SenderRole.INVESTMENT_MANAGER.name()) ? incoming : counterpart;
        TradeEvent.MatchedSettlement settlement = outcome == BookStatus.MATCHED
                ? investmentManager.settlement(allocations.get(investmentManager.tradeId()))
                : null;
        TradeEvent first = transition(
                incoming,
                outcome,
                matchId,
                counterpart,
                ours,
                investmentManager == incoming ? settlement : null,
                incoming.messageId());
        TradeEvent second = transition(
                counterpart,
                outcome,
                matchId,
                incoming,
                theirs,
                investmentManager == counterpart ? settlement : null,
                counterpart.messageId());
        return List.of(first, second);
    }

    private List<TradeEvent> cancel(TradeCommand command) {
        TradeRow trade = lockTrade(command.tradeId());
        BookStatus status = trade.status().equals(RECEIVED) ? BookStatus.UNMATCHED : BookStatus.valueOf(trade.status());
        CancelDecision decision = TradeMatcher.onCancel(status);
        if (decision instanceof CancelDecision.Refused refused)
            return List.of(new TradeEvent(
                    "TR-" + command.inputKey(),
                    TradeStatus.REJECTED,
                    trade.ref(),
                    command.messageId(),
                    trade.version(),
                    trade.matchId(),
                    null,
                    List.of(new StatusReason("tradeRef", refused.code(), trade.tradeRef(), refused.reason())),
                    null));
        CancelDecision.Cancelled cancelled = (CancelDecision.Cancelled) decision;
        List<TradeEvent> events = new ArrayList<>();
        TradeRow counterpart = cancelled.releasesCounterpart() && trade.counterpartTradeId() != null
                ? lockTrade(trade.counterpartTradeId())
                : null;
        events.add(transition(
                trade, BookStatus.CANCELLED, trade.matchId(), counterpart, List.of(), null, command.messageId()));
        if (counterpart != null) {
            events.add(transition(
                    counterpart, BookStatus.UNMATCHED, null, null, List.of(), null, counterpart.messageId()));
            // Released, it may pair at once with a side that was waiting for the same trade.
            events.addAll(decide(lockTrade(counterpart.tradeId()), false));
        }
        return events;
    }

    /**
     * Marks one allocation of a pair settled; when it was the last unsettled allocation of a MATCHED pair, both trades
     * become SETTLED. A confirmation for a pair we never matched, a dissolved pair, or an allocation already settled
     * changes nothing more than the allocation's flag and produces no event.
     */
    private List<TradeEvent> settle(TradeCommand command) {
        List<String[]> pairs = jdbc.query(
                "SELECT trade_id_a, trade_id_b FROM trade_match WHERE match_id = ?",
                (rs, row) -> new String[] {rs.getString(1), rs.getString(2)},
                command.matchId());
        if (pairs.isEmpty()) {
            log.warn(
                    "settlement confirmation {} names match {}, which trade matching never decided",
                    command.inputKey(),
                    command.matchId());
            return List.of();
        }
        // Both sides in id order: a cancel locking them the other way round can still deadlock with this, which
        // PostgreSQL breaks by failing one transaction; its batch is then retried whole, so nothing is lost.
        String[] ids = pairs.get(0).clone();
        Arrays.sort(ids);
        TradeRow first = lockTrade(ids[0]);
        TradeRow second = lockTrade(ids[1]);
        TradeRow investmentManager = first.senderRole().equals(SenderRole.INVESTMENT_MANAGER.name()) ? first : second;
        int marked = jdbc.update(
                "UPDATE trade_allocation SET settled = true WHERE trade_id = ? AND allocation_id = ? AND NOT settled",
                investmentManager.tradeId(),
                command.allocationId());
        boolean stillPaired = command.matchId().equals(first.matchId())
                && command.matchId().equals(second.matchId())
                && first.status().equals(BookStatus.MATCHED.name())
                && second.status().equals(BookStatus.MATCHED.name());
        if (marked == 0 || !stillPaired) {
            if (marked == 0)
                log.info(
                        "settlement confirmation {}: allocation {} of match {} was settled already or is unknown",
                        command.inputKey(),
                        command.allocationId(),
                        command.matchId());
            return List.of();
        }
        Integer unsettled = jdbc.queryForObject(
                "SELECT count(*) FROM trade_allocation WHERE trade_id = ? AND NOT settled",
                Integer.class,
                investmentManager.tradeId());
        if (unsettled != null && unsettled > 0) return List.of();
        return List.of(
                transition(first, BookStatus.SETTLED, first.matchId(), second, List.of(), null, command.messageId()),
                transition(second, BookStatus.SETTLED, second.matchId(), first, List.of(), null, command.messageId()));
    }

    /** Moves a trade to {@code status}, bumps its version, and returns the event reporting it. */
    private TradeEvent transition(
            TradeRow trade,
            BookStatus status,
            String matchId,
            TradeRow counterpart,
            List<StatusReason> reasons,
            TradeEvent.MatchedSettlement settlement,
            String inReplyTo) {
        int version = trade.version() + 1;
        jdbc.update(
                "UPDATE trade SET status = ?, version = ?, match_id = ?, counterpart_trade_id = ? WHERE trade_id = ?",
                status.name(),
                version,
                matchId,
                counterpart == null ? null : counterpart.tradeId(),
                trade.tradeId());
        return new TradeEvent(
                TradeEvent.reportId(trade.tradeId(), version, status.toTradeStatus()),
                status.toTradeStatus(),
                trade.ref(),
                inReplyTo,
                version,
                matchId,
                counterpart == null ? null : counterpart.ref(),
                reasons,
                settlement);
    }

    private TradeRow lockTrade(String tradeId) {
        List<TradeRow> rows = jdbc.query(
                "SELECT " + TRADE_COLUMNS + " FROM trade WHERE trade_id = ? FOR UPDATE",
                PostgresTradeBook::tradeRow,
                tradeId);
        if (rows.isEmpty()) throw new IllegalStateException("command for trade " + tradeId + " that is not booked");
        return rows.get(0);
    }

    private Map<String, List<Allocation>> allocationsOf(TradeRow incoming, List<TradeRow> candidates) {
        List<String> ids = new ArrayList<>();
        ids.add(incoming.tradeId());
        candidates.forEach(c -> ids.add(c.tradeId()));
        Map<String, List<Allocation>> allocations = new HashMap<>();
        jdbc.query(
                "SELECT trade_id, allocation_id, account, quantity FROM trade_allocation WHERE trade_id = ANY (?)"
                        + " ORDER BY trade_id, allocation_id",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids.toArray())),
                rs -> {
                    allocations
                            .computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new Allocation(rs.getString(2), rs.getString(3), rs.getLong(4)));
                });
        return allocations;
    }

    private static String json(Object value) {
        try {
            return WireJson.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TradeRow tradeRow(ResultSet rs, int row) throws SQLException {
        return new TradeRow(
                rs.getString("trade_id"),
                rs.getString("sender_id"),
                rs.getString("sender_role"),
                rs.getString("trade_ref"),
                rs.getString("message_id"),
                rs.getString("executing_broker"),
                rs.getString("investment_manager"),
                rs.getString("side"),
                rs.getString("security"),
                rs.getLong("quantity"),
                rs.getBigDecimal("price"),
                rs.getString("currency"),
                rs.getObject("trade_date", java.time.LocalDate.class),
                rs.getObject("settlement_date", java.time.LocalDate.class),
                rs.getBigDecimal("net_amount"),
                rs.getString("pairing_key"),
                rs.getLong("arrival_seq"),
                rs.getString("status"),
                rs.getInt("version"),
                rs.getString("match_id"),
                rs.getString("counterpart_trade_id"));
    }

    /** One row of the trade table, and how it reads as a domain side. */
    private record TradeRow(
            String tradeId,
            String senderId,
            String senderRole,
            String tradeRef,
            String messageId,
            String executingBroker,
            String investmentManager,
            String side,
            String security,
            long quantity,
            BigDecimal price,
            String currency,
            java.time.LocalDate tradeDate,
            java.time.LocalDate settlementDate,
            BigDecimal netAmount,
            String pairingKey,
            long arrivalSeq,
            String status,
            int version,
            String matchId,
            String counterpartTradeId) {

        TradeEvent.TradeRef ref() {
            return new TradeEvent.TradeRef(tradeId, senderId, tradeRef);
        }

        TradeSide toSide(Map<String, List<Allocation>> allocations) {
            return new TradeSide(
                    tradeId,
                    senderId,
                    SenderRole.valueOf(senderRole),
                    tradeRef,
                    new PairingKey(
                            executingBroker, investmentManager, Side.valueOf(side), security, tradeDate, quantity),
                    price,
                    currency,
                    settlementDate,
                    netAmount,
                    allocations.getOrDefault(tradeId, List.of()).stream()
                            .map(a -> new AllocationSplit(a.account(), a.quantity()))
                            .toList(),
                    arrivalSeq);
        }

        TradeEvent.MatchedSettlement settlement(List<Allocation> allocations) {
            return new TradeEvent.MatchedSettlement(
                    Side.valueOf(side),
                    executingBroker,
                    security,
                    tradeDate,
                    settlementDate,
                    price,
                    currency,
                    allocations);
        }
    }
}
