package io.tradewind.settlementmatching.adapter.postgres;

import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.platform.idempotency.IngestionDecisions;
import io.tradewind.platform.idempotency.PostgresIngestionDecisions;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.settlementmatching.domain.InstructionStatus;
import io.tradewind.settlementmatching.domain.SettlementPairingKey;
import io.tradewind.settlementmatching.stage.ingestion.InstructionIntake;
import io.tradewind.settlementmatching.stage.ingestion.InstructionIntake.BookedBefore;
import io.tradewind.settlementmatching.stage.ingestion.InstructionIntake.RejectedInput;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settlement book's intake on PostgreSQL: books instructions idempotently per instruction id, RECEIVED until
 * matching decides them, and keeps ingestion's final decisions (rejections, and which input booked what) so a replayed
 * input is answered as it was the first time.
 */
public final class PostgresInstructionIntake extends PostgresIngestionDecisions<RejectedInput, BookedBefore>
        implements InstructionIntake {
    private static final Mapping<RejectedInput, BookedBefore> DECISIONS = new Mapping<>(
            r -> new RejectedInput(
                    r.inputKey(), r.recipient(), r.messageId(), r.subject(), r.reasons(), r.rejectedAt()),
            r -> new IngestionDecisions.Rejected(
                    r.inputKey(), r.party(), r.messageId(), r.instructionId(), r.reasons(), r.rejectedAt()),
            b -> new BookedBefore(b.id(), b.partitionKey(), b.messageId()));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final DependencyGuard guard;

    public PostgresInstructionIntake(JdbcTemplate jdbc, TransactionTemplate transaction, DependencyGuard guard) {
        super(
                jdbc.getDataSource(),
                guard,
                new IngestionDecisions("instruction", "instruction_id", "party", "instruction_id"),
                DECISIONS);
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.guard = guard;
    }

    @Override
    public List<Booking> bookAll(List<NewInstruction> instructions) {
        return guard.call(() -> transaction.execute(status -> {
            List<Object[]> rows = new ArrayList<>(instructions.size());
            for (NewInstruction booking : instructions) {
                SettlementInstruction i = booking.instruction();
                rows.add(new Object[] {
                    i.instructionId(),
                    i.messageId(),
                    booking.inputKey(),
                    i.matchId(),
                    i.allocationId(),
                    i.direction().name(),
                    i.party(),
                    i.counterparty(),
                    i.security(),
                    i.quantity(),
                    i.settlementAmount(),
                    i.currency(),
                    i.tradeDate(),
                    i.intendedSettlementDate(),
                    SettlementPairingKey.of(i).partitionKey(),
                    Timestamp.from(booking.receivedAt()),
                    InstructionStatus.RECEIVED.name()
                });
            }
            jdbc.batchUpdate(
                    "INSERT INTO instruction (instruction_id, message_id, input_key, match_id, allocation_id,"
                            + " direction, party, counterparty, security, quantity, settlement_amount, currency,"
                            + " trade_date, intended_settlement_date, pairing_key, received_at, status)"
                            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (instruction_id) DO NOTHING",
                    rows);
            // Who booked each instruction id, in one query: this input (now, or a replay) or another one.
            Map<String, String[]> bookedBy = new HashMap<>();
            String[] ids = rows.stream().map(row -> (String) row[0]).distinct().toArray(String[]::new);
            jdbc.query(
                    "SELECT instruction_id, message_id, pairing_key, input_key FROM instruction"
                            + " WHERE instruction_id = ANY (?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", ids)),
                    rs -> {
                        bookedBy.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                    });
            List<Booking> bookings = new ArrayList<>(instructions.size());
            for (NewInstruction booking : instructions) {
                String id = booking.instruction().instructionId();
                String[] by = bookedBy.get(id);
                // The same input (journal key party|messageId) is a replay; instruction ids are not scoped by
                // party, so another party's message with the same messageId is a different input.
                bookings.add(
                        by[2].equals(booking.inputKey())
                                ? new Booked(id, by[1])
                                : new DuplicateInstructionId(id, by[0]));
            }
            return bookings;
        }));
    }
}
