package io.tradewind.tradematching.adapter.postgres;

import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.model.wire.WireJson;
import io.tradewind.platform.sql.ArraySql;
import io.tradewind.tradematching.domain.BookChanges;
import io.tradewind.tradematching.domain.BookChanges.DecidedPair;
import io.tradewind.tradematching.domain.BookStatus;
import io.tradewind.tradematching.domain.BookedAllocation;
import io.tradewind.tradematching.domain.BookedTrade;
import io.tradewind.tradematching.domain.LockedBook;
import io.tradewind.tradematching.domain.MatchReason;
import io.tradewind.tradematching.domain.Money;
import io.tradewind.tradematching.domain.PairingKey;
import io.tradewind.tradematching.domain.Price;
import io.tradewind.tradematching.domain.Quantity;
import io.tradewind.tradematching.domain.Security;
import io.tradewind.tradematching.domain.TradeId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The trades one matching batch may read or change, locked ({@code FOR UPDATE}) when the batch begins: the trades its
 * commands name (a settlement's through its pair), every UNMATCHED trade of their pairing keys, and their allocations.
 * The lifecycle reads them from here as they are stored and keeps its changes itself; {@link #write} then writes every
 * changed trade, new pairs and settled allocations in one statement each.
 *
 * <p>Why this is the tables' truth for the batch: a trade's candidates are UNMATCHED trades of its pairing key, all
 * locked at the start or made UNMATCHED by this batch, whose changes the lifecycle holds. A trade or pairing key the
 * start did not foresee (a cancelled trade's counterpart) is locked when first asked for. No other transaction changes
 * a locked trade or, since every writer locks a trade first, its allocations; a trade booked meanwhile is RECEIVED,
 * never a candidate, until a later batch decides it. Before, each command cost two to six round trips and a write per
 * transition.
 */
final class LockedTrades implements LockedBook {
    private static final String COLUMNS = "trade_id, sender_id, sender_role, trade_ref, message_id,"
            + " executing_broker, investment_manager, side, security, quantity, price, currency, trade_date,"
            + " settlement_date, net_amount, arrival_seq, status, version, match_id, counterpart_trade_id";

    private final ArraySql sql;
    private final Map<TradeId, BookedTrade> trades = new HashMap<>();
    /** The pairing keys whose UNMATCHED trades are locked, as stored in {@code trade.pairing_key}. */
    private final Set<String> lockedPairingKeys = new HashSet<>();

    /** The trades stored UNMATCHED, by stored pairing key. */
    private final Map<String, List<BookedTrade>> unmatchedByPairingKey = new HashMap<>();

    private final Map<String, TradePair> pairs = new HashMap<>();

    private LockedTrades(Connection connection) {
        this.sql = new ArraySql(connection);
    }

    /**
     * Locks the trades {@code tradeIds} name, both trades of each pair in {@code matchIds}, every UNMATCHED trade of
     * their pairing keys, and reads their allocations.
     *
     * @param connection the connection of the caller's open transaction, used until {@link #write}
     */
    static LockedTrades lock(Connection connection, Collection<String> tradeIds, Collection<String> matchIds)
            throws SQLException {
        LockedTrades locked = new LockedTrades(connection);
        Set<String> ids = new LinkedHashSet<>(tradeIds);
        if (!matchIds.isEmpty())
            locked.sql.query(
                    "SELECT match_id, trade_id_a, trade_id_b FROM trade_match WHERE match_id = ANY (?)",
                    new LinkedHashSet<>(matchIds),
                    rs -> {
                        locked.pairs.put(
                                rs.getString(1),
                                new TradePair(
                                        rs.getString(1), new TradeId(rs.getString(2)), new TradeId(rs.getString(3))));
                        ids.add(rs.getString(2));
                        ids.add(rs.getString(3));
                    });
        Map<String, Row> rows = new LinkedHashMap<>();
        locked.lockTrades(ids, rows);
        // Candidates only for the trades a MATCH or CANCEL names: a settlement pairs nothing.
        Set<String> pairingKeys = new LinkedHashSet<>();
        for (String id : tradeIds) {
            Row row = rows.get(id);
            if (row != null) pairingKeys.add(row.pairingKey);
        }
        locked.lockUnmatched(pairingKeys, rows);
        locked.keep(rows);
        return locked;
    }

    @Override
    public BookedTrade trade(TradeId id) {
        BookedTrade trade = trades.get(id);
        if (trade != null) return trade;
        try {
            Map<String, Row> rows = new LinkedHashMap<>();
            lockTrades(Set.of(id.value()), rows);
            keep(rows);
        } catch (SQLException e) {
            throw new BookUnavailable(e);
        }
        trade = trades.get(id);
        if (trade == null) throw new IllegalStateException("command for trade " + id + " that is not booked");
        return trade;
    }

    @Override
    public List<BookedTrade> unmatched(PairingKey key) {
        String pairingKey = key.asPartitionKey();
        if (!lockedPairingKeys.contains(pairingKey))
            try {
                Map<String, Row> rows = new LinkedHashMap<>();
                lockUnmatched(Set.of(pairingKey), rows);
                keep(rows);
            } catch (SQLException e) {
                throw new BookUnavailable(e);
            }
        return unmatchedByPairingKey.getOrDefault(pairingKey, List.of());
    }

    @Override
    public Optional<TradePair> pair(String matchId) {
        return Optional.ofNullable(pairs.get(matchId));
    }

    /** Writes every changed trade (its last state), every decided pair and every settled allocation. */
    void write(BookChanges changes) throws SQLException {
        List<DecidedPair> decided = changes.pairs();
        if (!decided.isEmpty())
            sql.execute(
                    "INSERT INTO trade_match (match_id, trade_id_a, trade_id_b, outcome, reasons, decided_at)"
                            + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                            + " ?::timestamptz[]) ON CONFLICT (match_id) DO UPDATE SET outcome = EXCLUDED.outcome,"
                            + " reasons = EXCLUDED.reasons, decided_at = EXCLUDED.decided_at",
                    sql.array("text", decided, DecidedPair::matchId),
                    sql.array("text", decided, p -> p.a().value()),
                    sql.array("text", decided, p -> p.b().value()),
                    sql.array("text", decided, p -> p.outcome().name()),
                    sql.array("text", decided, p -> json(p.reasons())),
                    sql.array("timestamptz", decided, p -> Timestamp.from(p.decidedAt())));
        List<BookedTrade> moved = changes.trades();
        if (!moved.isEmpty())
            sql.execute(
                    "UPDATE trade SET status = u.status, version = u.version, match_id = u.match_id,"
                            + " counterpart_trade_id = u.counterpart_id FROM unnest(?::text[], ?::text[],"
                            + " ?::integer[], ?::text[], ?::text[]) AS u(trade_id, status, version, match_id,"
                            + " counterpart_id) WHERE trade.trade_id = u.trade_id",
                    sql.array("text", moved, t -> t.id().value()),
                    sql.array("text", moved, t -> t.status().name()),
                    sql.array("integer", moved, BookedTrade::version),
                    sql.array("text", moved, BookedTrade::matchId),
                    sql.array(
                            "text",
                            moved,
                            t -> t.counterpartId() == null
                                    ? null
                                    : t.counterpartId().value()));
        List<BookChanges.SettledAllocation> settled = changes.settled();
        if (!settled.isEmpty())
            sql.execute(
                    "UPDATE trade_allocation SET settled = true FROM unnest(?::text[], ?::text[])"
                            + " AS u(trade_id, allocation_id) WHERE trade_allocation.trade_id = u.trade_id"
                            + " AND trade_allocation.allocation_id = u.allocation_id",
                    sql.array("text", settled, a -> a.tradeId().value()),
                    sql.array("text", settled, BookChanges.SettledAllocation::allocationId));
    }

    private void lockTrades(Collection<String> ids, Map<String, Row> into) throws SQLException {
        if (ids.isEmpty()) return;
        // Id order: two batches locking overlapping trades (a lease changing hands) queue rather than deadlock.
        sql.query(
                "SELECT " + COLUMNS + ", pairing_key FROM trade WHERE trade_id = ANY (?) ORDER BY trade_id FOR UPDATE",
                ids,
                rs -> read(rs, into));
    }

    private void lockUnmatched(Collection<String> pairingKeys, Map<String, Row> into) throws SQLException {
        if (pairingKeys.isEmpty()) return;
        sql.query(
                "SELECT " + COLUMNS + ", pairing_key FROM trade WHERE pairing_key = ANY (?) AND status = 'UNMATCHED'"
                        + " ORDER BY trade_id FOR UPDATE",
                pairingKeys,
                rs -> read(rs, into));
        lockedPairingKeys.addAll(pairingKeys);
    }

    /** Reads a locked row, unless it is held already: the first read of a trade is its stored state for the batch. */
    private void read(ResultSet rs, Map<String, Row> into) throws SQLException {
        String id = rs.getString("trade_id");
        if (!trades.containsKey(new TradeId(id)) && !into.containsKey(id))
            into.put(id, new Row(rs, rs.getString("pairing_key")));
    }

    /** Reads the allocations of these newly locked rows and keeps them as booked trades. */
    private void keep(Map<String, Row> rows) throws SQLException {
        if (rows.isEmpty()) return;
        Map<String, List<BookedAllocation>> allocations = new HashMap<>();
        sql.query(
                "SELECT trade_id, allocation_id, account, quantity, settled FROM trade_allocation"
                        + " WHERE trade_id = ANY (?) ORDER BY trade_id, allocation_id",
                rows.keySet(),
                rs -> allocations
                        .computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                        .add(new BookedAllocation(
                                rs.getString(2), rs.getString(3), new Quantity(rs.getLong(4)), rs.getBoolean(5))));
        for (Row row : rows.values()) {
            BookedTrade trade = row.trade.withAllocations(allocations.getOrDefault(row.tradeId, List.of()));
            trades.put(trade.id(), trade);
            if (trade.status() == BookStatus.UNMATCHED)
                unmatchedByPairingKey
                        .computeIfAbsent(row.pairingKey, key -> new ArrayList<>())
                        .add(trade);
        }
    }

    private static String json(List<MatchReason> reasons) {
        try {
            return WireJson.mapper().writeValueAsString(reasons);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A trade row read before its allocations are. */
    private static final class Row {
        final String tradeId;
        final String pairingKey;
        final BookedTrade trade;

        Row(ResultSet rs, String pairingKey) throws SQLException {
            this.tradeId = rs.getString("trade_id");
            this.pairingKey = pairingKey;
            String currency = rs.getString("currency");
            String counterpart = rs.getString("counterpart_trade_id");
            this.trade = new BookedTrade(
                    new TradeId(tradeId),
                    new ParticipantId(rs.getString("sender_id")),
                    SenderRole.valueOf(rs.getString("sender_role")),
                    rs.getString("trade_ref"),
                    rs.getString("message_id"),
                    new ParticipantId(rs.getString("executing_broker")),
                    new ParticipantId(rs.getString("investment_manager")),
                    Side.valueOf(rs.getString("side")),
                    new Security(rs.getString("security")),
                    new Quantity(rs.getLong("quantity")),
                    new Price(rs.getBigDecimal("price"), currency),
                    rs.getObject("trade_date", LocalDate.class),
                    rs.getObject("settlement_date", LocalDate.class),
                    new Money(rs.getBigDecimal("net_amount"), currency),
                    List.of(),
                    rs.getLong("arrival_seq"),
                    BookStatus.valueOf(rs.getString("status")),
                    rs.getInt("version"),
                    rs.getString("match_id"),
                    counterpart == null ? null : new TradeId(counterpart));
        }
    }

    /** The database failed while the lifecycle asked for a trade the batch had not locked yet. */
    static final class BookUnavailable extends RuntimeException {
        BookUnavailable(SQLException cause) {
            super(cause);
        }
    }
}
