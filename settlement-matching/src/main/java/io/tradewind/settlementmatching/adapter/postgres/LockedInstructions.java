package io.tradewind.settlementmatching.adapter.postgres;

import io.tradewind.model.settlement.Direction;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.platform.sql.ArraySql;
import io.tradewind.settlementmatching.domain.BookedInstruction;
import io.tradewind.settlementmatching.domain.InstructionChange;
import io.tradewind.settlementmatching.domain.InstructionStatus;
import io.tradewind.settlementmatching.domain.SettledPair;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The instructions one matching batch may read or change, locked ({@code FOR UPDATE}) in two queries when the batch
 * begins: the batch's own instructions, then every open instruction (UNMATCHED or MISMATCHED) of their pairing keys.
 * The lifecycle decides the commands on these in memory; {@link #write} then writes every changed instruction once and
 * every settled pair, one statement each.
 *
 * <p>Why this is the table's truth for the batch: a command's candidates are open instructions of its own pairing key,
 * which were all locked at the start, or instructions of this batch that earlier commands opened, which are here. No
 * other transaction can change a locked row, and an instruction booked meanwhile is RECEIVED, never a candidate, until
 * a later batch decides it. Before, each command cost two locking reads and a write per transition (a settled pair
 * four), which made settlement matching the sandbox database's heaviest user.
 */
final class LockedInstructions {
    private static final String OPEN = "status IN ('UNMATCHED', 'MISMATCHED')";
    private static final String COLUMNS = "instruction_id, message_id, match_id, allocation_id, direction, party,"
            + " counterparty, security, quantity, settlement_amount, currency, trade_date, intended_settlement_date,"
            + " pairing_key, arrival_seq, status, version";

    private final ArraySql sql;
    private final Map<String, BookedInstruction> instructions = new LinkedHashMap<>();
    private final Set<String> pairingKeys = new LinkedHashSet<>();

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
        locked.load(
                "SELECT " + COLUMNS + " FROM instruction WHERE pairing_key = ANY (?) AND " + OPEN
                        + " ORDER BY instruction_id FOR UPDATE",
                new ArrayList<>(locked.pairingKeys));
        return locked;
    }

    private void load(String select, Collection<String> keys) throws SQLException {
        sql.query(select, keys, rs -> {
            String id = rs.getString("instruction_id");
            if (!instructions.containsKey(id)) {
                instructions.put(id, instruction(rs));
                pairingKeys.add(rs.getString("pairing_key"));
            }
        });
    }

    /** Every locked instruction as the batch begins. */
    Collection<BookedInstruction> instructions() {
        return instructions.values();
    }

    /** Writes the last state of every changed instruction and every settled pair, one statement each. */
    void write(List<InstructionChange> changes, List<SettledPair> pairs) throws SQLException {
        if (!changes.isEmpty())
            sql.execute(
                    "UPDATE instruction SET status = u.status, version = u.version,"
                            + " settlement_match_id = u.settlement_match_id, counterpart_instruction_id = u.counterpart_id"
                            + " FROM unnest(?::text[], ?::text[], ?::integer[], ?::text[], ?::text[]) AS u(instruction_id,"
                            + " status, version, settlement_match_id, counterpart_id)"
                            + " WHERE instruction.instruction_id = u.instruction_id",
                    sql.array("text", changes, c -> c.instructionId().value()),
                    sql.array("text", changes, c -> c.status().name()),
                    sql.array("integer", changes, InstructionChange::version),
                    sql.array("text", changes, InstructionChange::settlementMatchId),
                    sql.array(
                            "text",
                            changes,
                            c -> c.counterpart() == null
                                    ? null
                                    : c.counterpart().value()));
        if (!pairs.isEmpty())
            sql.execute(
                    "INSERT INTO settlement_match (settlement_match_id, deliver_instruction_id,"
                            + " receive_instruction_id, settled_at)"
                            + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[])"
                            + " ON CONFLICT (settlement_match_id) DO NOTHING",
                    sql.array("text", pairs, SettledPair::settlementMatchId),
                    sql.array("text", pairs, p -> p.deliver().value()),
                    sql.array("text", pairs, p -> p.receive().value()),
                    sql.array("timestamptz", pairs, p -> Timestamp.from(p.settledAt())));
    }

    private static BookedInstruction instruction(ResultSet rs) throws SQLException {
        return new BookedInstruction(
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
                rs.getLong("arrival_seq"),
                InstructionStatus.valueOf(rs.getString("status")),
                rs.getInt("version"));
    }
}
