package io.tradewind.tradematching.adapter.postgres;

import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.platform.sql.ArraySql;
import io.tradewind.tradematching.domain.BookStatus;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
 * Deciding the commands reads and changes these rows in memory, in command order, exactly as it would read and change
 * the tables; {@link #flush} then writes every changed trade once, and new pairs and settled allocations in one
 * statement each.
 *
 * <p>Why this is the tables' truth for the batch: a trade's candidates are UNMATCHED trades of its pairing key, all
 * locked at the start or made UNMATCHED by this batch, whose changes are here. A trade or pairing key the start did not
 * foresee (a cancelled trade's counterpart) is locked when first asked for. No other transaction changes a locked trade
 * or, since every writer locks a trade first, its allocations; a trade booked meanwhile is RECEIVED, never a candidate,
 * until a later batch decides it. Before, each command cost two to six round trips and a write per transition.
 */
final class LockedTrades {
    private static final String COLUMNS = "trade_id, sender_id, sender_role, trade_ref, message_id,"
            + " executing_broker, investment_manager, side, security, quantity, price, currency, trade_date,"
            + " settlement_date, net_amount, pairing_key, arrival_seq, status, version, match_id,"
            + " counterpart_trade_id";

    private final ArraySql sql;
    private final Map<String, TradeRow> trades = new HashMap<>();
    private final Map<String, List<String>> idsByPairingKey = new HashMap<>();
    private final Set<String> lockedPairingKeys = new HashSet<>();
    private final Map<String, List<Allocation>> allocations = new HashMap<>();
    /** trade id → allocation id → settled, for every allocation read. */
    private final Map<String, Map<String, Boolean>> settled = new HashMap<>();

    private final Map<String, String[]> pairs = new HashMap<>();
    private final Map<String, Change> changes = new LinkedHashMap<>();
    private final Map<String, NewPair> newPairs = new LinkedHashMap<>();
    private final List<String[]> newlySettled = new ArrayList<>();

    private record Change(String status, int version, String matchId, String counterpartId) {}

    private record NewPair(String tradeIdA, String tradeIdB, String outcome, String reasons, Instant decidedAt) {}

    private LockedTrades(Connection connection) {
        this.sql = new ArraySql(connection);
    }

    /**
     * Locks the trades {@code tradeIds} name, both trades of each pair in {@code matchIds}, every UNMATCHED trade of
     * their pairing keys, and reads their allocations.
     *
     * @param connection the connection of the caller's open transaction, used until {@link #flush}
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
                        locked.pairs.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)});
                        ids.add(rs.getString(2));
                        ids.add(rs.getString(3));
                    });
        locked.lockTrades(ids);
        // Candidates only for the trades a MATCH or CANCEL names: a settlement pairs nothing.
        Set<String> pairingKeys = new LinkedHashSet<>();
        for (String id : tradeIds) {
            TradeRow trade = locked.trades.get(id);
            if (trade != null) pairingKeys.add(trade.pairingKey());
        }
        locked.lockUnmatched(pairingKeys);
        locked.readAllocations(locked.trades.keySet());
        return locked;
    }

    /** The trade as this batch has left it so far, locked first if the batch did not foresee it. */
    TradeRow get(String tradeId) throws SQLException {
        if (!trades.containsKey(tradeId)) lockTrades(Set.of(tradeId));
        TradeRow trade = trades.get(tradeId);
        if (trade == null) throw new IllegalStateException("command for trade " + tradeId + " that is not booked");
        return trade;
    }

    /** The UNMATCHED trades of {@code incoming}'s pairing key from the other role, oldest first. */
    List<TradeRow> candidatesFor(TradeRow incoming) throws SQLException {
        if (!lockedPairingKeys.contains(incoming.pairingKey())) lockUnmatched(Set.of(incoming.pairingKey()));
        String role = SenderRole.valueOf(incoming.senderRole()).counterpart().name();
        return idsByPairingKey.getOrDefault(incoming.pairingKey(), List.of()).stream()
                .map(trades::get)
                .filter(trade -> trade.status().equals(BookStatus.UNMATCHED.name())
                        && trade.senderRole().equals(role)
                        && !trade.tradeId().equals(incoming.tradeId()))
                .sorted(Comparator.comparingLong(TradeRow::arrivalSeq))
                .toList();
    }

    /** The allocations of each of these trades, in allocation id order. */
    Map<String, List<Allocation>> allocationsOf(List<TradeRow> rows) throws SQLException {
        readAllocations(rows.stream().map(TradeRow::tradeId).toList());
        Map<String, List<Allocation>> of = new HashMap<>();
        for (TradeRow row : rows) of.put(row.tradeId(), allocations.getOrDefault(row.tradeId(), List.of()));
        return of;
    }

    /** The two trades of a pair matching decided, as {@code [a, b]}; empty if it never decided one. */
    Optional<String[]> pair(String matchId) {
        NewPair decided = newPairs.get(matchId);
        if (decided != null) return Optional.of(new String[] {decided.tradeIdA(), decided.tradeIdB()});
        return Optional.ofNullable(pairs.get(matchId)).map(String[]::clone);
    }

    /**
     * Marks an allocation settled.
     *
     * @return false if the trade has no such allocation or it was settled already
     */
    boolean settle(String tradeId, String allocationId) throws SQLException {
        allocationsOf(List.of(get(tradeId)));
        Map<String, Boolean> flags = settled.getOrDefault(tradeId, Map.of());
        if (!Boolean.FALSE.equals(flags.get(allocationId))) return false;
        flags.put(allocationId, true);
        newlySettled.add(new String[] {tradeId, allocationId});
        return true;
    }

    /** How many allocations of the trade are not settled yet. */
    long unsettled(String tradeId) throws SQLException {
        allocationsOf(List.of(get(tradeId)));
        return settled.getOrDefault(tradeId, Map.of()).values().stream()
                .filter(Boolean.FALSE::equals)
                .count();
    }

    /** Moves a trade to {@code status} at its next version; written by {@link #flush}. */
    TradeRow transition(String tradeId, BookStatus status, String matchId, String counterpartId) throws SQLException {
        TradeRow next = get(tradeId).moved(status.name(), matchId, counterpartId);
        trades.put(tradeId, next);
        changes.put(tradeId, new Change(status.name(), next.version(), matchId, counterpartId));
        return next;
    }

    /** Records the pair matching decided (the last decision of a match id wins, as an upsert would); see flush. */
    void decidePair(String matchId, String tradeIdA, String tradeIdB, BookStatus outcome, String reasons, Instant at) {
        newPairs.remove(matchId); // keeps insertion order of the latest decision
        newPairs.put(matchId, new NewPair(tradeIdA, tradeIdB, outcome.name(), reasons, at));
    }

    /** Writes every changed trade (its last state), every decided pair and every settled allocation. */
    void flush() throws SQLException {
        if (!newPairs.isEmpty()) {
            List<String> ids = new ArrayList<>(newPairs.keySet());
            sql.execute(
                    "INSERT INTO trade_match (match_id, trade_id_a, trade_id_b, outcome, reasons, decided_at)"
                            + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                            + " ?::timestamptz[]) ON CONFLICT (match_id) DO UPDATE SET outcome = EXCLUDED.outcome,"
                            + " reasons = EXCLUDED.reasons, decided_at = EXCLUDED.decided_at",
                    sql.array("text", ids, id -> id),
                    sql.array("text", ids, id -> newPairs.get(id).tradeIdA()),
                    sql.array("text", ids, id -> newPairs.get(id).tradeIdB()),
                    sql.array("text", ids, id -> newPairs.get(id).outcome()),
                    sql.array("text", ids, id -> newPairs.get(id).reasons()),
                    sql.array(
                            "timestamptz",
                            ids,
                            id -> Timestamp.from(newPairs.get(id).decidedAt())));
        }
        if (!changes.isEmpty()) {
            List<String> ids = new ArrayList<>(changes.keySet());
            sql.execute(
                    "UPDATE trade SET status = u.status, version = u.version, match_id = u.match_id,"
                            + " counterpart_trade_id = u.counterpart_id FROM unnest(?::text[], ?::text[],"
                            + " ?::integer[], ?::text[], ?::text[]) AS u(trade_id, status, version, match_id,"
                            + " counterpart_id) WHERE trade.trade_id = u.trade_id",
                    sql.array("text", ids, id -> id),
                    sql.array("text", ids, id -> changes.get(id).status()),
                    sql.array("integer", ids, id -> changes.get(id).version()),
                    sql.array("text", ids, id -> changes.get(id).matchId()),
                    sql.array("text", ids, id -> changes.get(id).counterpartId()));
        }
        if (!newlySettled.isEmpty())
            sql.execute(
                    "UPDATE trade_allocation SET settled = true FROM unnest(?::text[], ?::text[])"
                            + " AS u(trade_id, allocation_id) WHERE trade_allocation.trade_id = u.trade_id"
                            + " AND trade_allocation.allocation_id = u.allocation_id",
                    sql.array("text", newlySettled, a -> a[0]),
                    sql.array("text", newlySettled, a -> a[1]));
    }

    private void lockTrades(Collection<String> ids) throws SQLException {
        // Id order: two batches locking overlapping trades (a lease changing hands) queue rather than deadlock.
        sql.query(
                "SELECT " + COLUMNS + " FROM trade WHERE trade_id = ANY (?) ORDER BY trade_id FOR UPDATE",
                ids,
                rs -> add(TradeRow.of(rs)));
    }

    private void lockUnmatched(Collection<String> pairingKeys) throws SQLException {
        sql.query(
                "SELECT " + COLUMNS + " FROM trade WHERE pairing_key = ANY (?) AND status = 'UNMATCHED'"
                        + " ORDER BY trade_id FOR UPDATE",
                pairingKeys,
                rs -> add(TradeRow.of(rs)));
        lockedPairingKeys.addAll(pairingKeys);
    }

    /** Keeps a row read from the table, unless this batch holds it already (perhaps changed). */
    private void add(TradeRow row) {
        if (trades.putIfAbsent(row.tradeId(), row) == null)
            idsByPairingKey
                    .computeIfAbsent(row.pairingKey(), key -> new ArrayList<>())
                    .add(row.tradeId());
    }

    /** Reads the allocations of those of these trades not read yet. */
    private void readAllocations(Collection<String> tradeIds) throws SQLException {
        Set<String> unread = new LinkedHashSet<>();
        for (String id : tradeIds)
            if (!allocations.containsKey(id)) {
                unread.add(id);
                allocations.put(id, new ArrayList<>());
                settled.put(id, new HashMap<>());
            }
        sql.query(
                "SELECT trade_id, allocation_id, account, quantity, settled FROM trade_allocation"
                        + " WHERE trade_id = ANY (?) ORDER BY trade_id, allocation_id",
                unread,
                rs -> {
                    allocations
                            .get(rs.getString(1))
                            .add(new Allocation(rs.getString(2), rs.getString(3), rs.getLong(4)));
                    settled.get(rs.getString(1)).put(rs.getString(2), rs.getBoolean(5));
                });
    }

    /** One row of the trade table. */
    record TradeRow(
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
            LocalDate tradeDate,
            LocalDate settlementDate,
            BigDecimal netAmount,
            String pairingKey,
            long arrivalSeq,
            String status,
            int version,
            String matchId,
            String counterpartTradeId) {

        static TradeRow of(ResultSet rs) throws SQLException {
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
                    rs.getObject("trade_date", LocalDate.class),
                    rs.getObject("settlement_date", LocalDate.class),
                    rs.getBigDecimal("net_amount"),
                    rs.getString("pairing_key"),
                    rs.getLong("arrival_seq"),
                    rs.getString("status"),
                    rs.getInt("version"),
                    rs.getString("match_id"),
                    rs.getString("counterpart_trade_id"));
        }

        /** The same trade at its next version, in {@code status}. */
        TradeRow moved(String newStatus, String newMatchId, String newCounterpartId) {
            return new TradeRow(
                    tradeId,
                    senderId,
                    senderRole,
                    tradeRef,
                    messageId,
                    executingBroker,
                    investmentManager,
                    side,
                    security,
                    quantity,
                    price,
                    currency,
                    tradeDate,
                    settlementDate,
                    netAmount,
                    pairingKey,
                    arrivalSeq,
                    newStatus,
                    version + 1,
                    newMatchId,
                    newCounterpartId);
        }
    }
}
