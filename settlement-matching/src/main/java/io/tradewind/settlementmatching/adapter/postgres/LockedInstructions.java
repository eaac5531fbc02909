package io.tradewind.settlementmatching.adapter.postgres;

import io.tradewind.model.settlement.Direction;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.platform.sql.ArraySql;
import io.tradewind.settlementmatching.domain.OpenInstruction;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The instructions one matching batch may read or change, locked ({@code FOR UPDATE}) in two queries when the batch
 * begins: the batch's own instructions, then every open instruction (UNMATCHED or MISMATCHED) of their pairing keys.
 * Deciding the commands reads and changes these rows in memory, in command order, exactly as it would read and change
 * the table; {@link #flush} then writes every changed row once and every new pair in one statement each.
 *
 * <p>Why this is the table's truth for the batch: a command's candidates are open instructions of its own pairing key,
 * which were all locked at the start, or instructions of this batch that earlier commands opened, whose changes are
 * here. No other transaction can change a locked row, and an instruction booked meanwhile is RECEIVED, never a
 * candidate, until a later batch decides it. Before, each command cost two locking reads and a write per transition
 * (a settled pair four), which made settlement matching the sandbox database's heaviest user.
 */
final class LockedInstructions {
    private static final String OPEN = "status IN ('UNMATCHED', 'MISMATCHED')";
    private static final String COLUMNS = "instruction_id, message_id, match_id, allocation_id, direction, party,"
            + " counterparty, security, quantity, settlement_amount, currency, trade_date, intended_settlement_date,"
            + " pairing_key, arrival_seq, status, version";

    private final ArraySql sql;
    private final Map<String, Row> rows = new HashMap<>();
    private final Map<String, List<String>> idsByPairingKey = new HashMap<>();
    private final Map<String, Change> changes = new LinkedHashMap<>();
    private final List<NewPair> pairs = new ArrayList<>();

    /** One row of the instruction table as matching reads it. */
    record Row(SettlementInstruction instruction, String pairingKey, long arrivalSeq, String status, int version) {
        String id() {
            return instruction.instructionId();
        }

        OpenInstruction open() {
            return new OpenInstruction(instruction, arrivalSeq, SettlementStatus.valueOf(status));
        }

        boolean isOpen() {
            return status.equals(SettlementStatus.UNMATCHED.name())
                    || status.equals(SettlementStatus.MISMATCHED.name());
        }
    }

    private record Change(String status, int version, String settlementMatchId, String counterpartId) {}

    private record NewPair(String settlementMatchId, String deliverId, String receiveId, Instant settledAt) {}

    private LockedInstructions(Connection connection) {
        this.sql = new ArraySql(connection);
    }

    /** Locks the instructions of {@code instructionIds} and every open instruction of their pairing keys. */
    static LockedInstructions lock(Connection connection, Collection<String> instructionIds) throws SQLException {
        LockedInstructions locked = new LockedInstructions(connection);
        // Id order in both reads: two batches locking overlapping rows (a lease changing hands) queue, not deadlock.
        locked.load(
                "SELECT " + COLUMNS + " FROM instruction WHERE instruction_id = ANY (?) ORDER BY instruction_id"
                        + " FOR UPDATE",
                new LinkedHashSet<>(instructionIds));
        Set<String> pairingKeys = new LinkedHashSet<>();
        locked.rows.values().forEach(row -> pairingKeys.add(row.pairingKey()));
        locked.load(
                "SELECT " + COLUMNS + " FROM instruction WHERE pairing_key = ANY (?) AND " + OPEN
                        + " ORDER BY instruction_id FOR UPDATE",
                pairingKeys);
        return locked;
    }

    private void load(String select, Collection<String> keys) throws SQLException {
        sql.query(select, keys, rs -> {
            Row row = row(rs);
            if (rows.putIfAbsent(row.id(), row) == null)
                idsByPairingKey
                        .computeIfAbsent(row.pairingKey(), key -> new ArrayList<>())
                        .add(row.id());
        });
    }

    /** The instruction as this batch has left it so far; it must be one of the batch's own. */
    Row get(String instructionId) {
        Row row = rows.get(instructionId);
        if (row == null) throw new IllegalStateException("command for instruction " + instructionId + " not booked");
        return row;
    }

    /** The open instructions of {@code ours}'s pairing key facing the other way, oldest first. */
    List<Row> candidatesFor(Row ours) {
        Direction wanted = ours.instruction().direction().opposite();
        return idsByPairingKey.getOrDefault(ours.pairingKey(), List.of()).stream()
                .map(rows::get)
                .filter(row -> row.isOpen()
                        && row.instruction().direction() == wanted
                        && !row.id().equals(ours.id()))
                .sorted(Comparator.comparingLong(Row::arrivalSeq))
                .toList();
    }

    /** Moves an instruction to {@code status} at its next version; written by {@link #flush}. */
    Row transition(String instructionId, SettlementStatus status, String settlementMatchId, String counterpartId) {
        Row current = get(instructionId);
        Row next = new Row(
                current.instruction(),
                current.pairingKey(),
                current.arrivalSeq(),
                status.name(),
                current.version() + 1);
        rows.put(instructionId, next);
        changes.put(instructionId, new Change(status.name(), next.version(), settlementMatchId, counterpartId));
        return next;
    }

    /** Records a settled pair; written by {@link #flush}. */
    void pair(String settlementMatchId, String deliverId, String receiveId, Instant settledAt) {
        pairs.add(new NewPair(settlementMatchId, deliverId, receiveId, settledAt));
    }

    /** Writes every changed instruction (its last state) and every new pair, one statement each. */
    void flush() throws SQLException {
        if (!changes.isEmpty()) {
            List<String> ids = new ArrayList<>(changes.keySet());
            sql.execute(
                    "UPDATE instruction SET status = u.status, version = u.version,"
                            + " settlement_match_id = u.settlement_match_id, counterpart_instruction_id = u.counterpart_id"
                            + " FROM unnest(?::text[], ?::text[], ?::integer[], ?::text[], ?::text[]) AS u(instruction_id,"
                            + " status, version, settlement_match_id, counterpart_id)"
                            + " WHERE instruction.instruction_id = u.instruction_id",
                    sql.array("text", ids, id -> id),
                    sql.array("text", ids, id -> changes.get(id).status()),
                    sql.array("integer", ids, id -> changes.get(id).version()),
                    sql.array("text", ids, id -> changes.get(id).settlementMatchId()),
                    sql.array("text", ids, id -> changes.get(id).counterpartId()));
        }
        if (!pairs.isEmpty())
            sql.execute(
                    "INSERT INTO settlement_match (settlement_match_id, deliver_instruction_id,"
                            + " receive_instruction_id, settled_at)"
                            + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[])"
                            + " ON CONFLICT (settlement_match_id) DO NOTHING",
                    sql.array("text", pairs, NewPair::settlementMatchId),
                    sql.array("text", pairs, NewPair::deliverId),
                    sql.array("text", pairs, NewPair::receiveId),
                    sql.array("timestamptz", pairs, p -> Timestamp.from(p.settledAt())));
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                new SettlementInstruction(
                        rs.getString("message_id"),
                        rs.getString("instruction_id"),
                        rs.getString("match_id"),
                        rs.getString("allocation_id"),
                        Direction.valueOf(rs.getString("direction")),
                        rs.getString("party"),
                        rs.getString("counterparty"),
                        rs.getString("security"),
                        rs.getLong("quantity"),
                        rs.getBigDecimal("settlement_amount"),
                        rs.getString("currency").trim(),
                        rs.getObject("trade_date", LocalDate.class),
                        rs.getObject("intended_settlement_date", LocalDate.class)),
                rs.getString("pairing_key"),
                rs.getLong("arrival_seq"),
                rs.getString("status"),
                rs.getInt("version"));
    }
}
