package io.tradewind.settlementmatching.adapter.postgres;

import io.tradewind.model.settlement.Direction;
import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.wire.WireJson;
import io.tradewind.platform.idempotency.CommandOutcomes;
import io.tradewind.platform.idempotency.IngestionDecisions;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.settlementmatching.adapter.postgres.LockedInstructions.Row;
import io.tradewind.settlementmatching.domain.SettlementMatchIds;
import io.tradewind.settlementmatching.domain.SettlementMatcher;
import io.tradewind.settlementmatching.domain.SettlementMismatch;
import io.tradewind.settlementmatching.domain.SettlementOutcome;
import io.tradewind.settlementmatching.domain.SettlementPairingKey;
import io.tradewind.settlementmatching.flow.SettlementCommand;
import io.tradewind.settlementmatching.flow.SettlementEvent;
import io.tradewind.settlementmatching.stage.ingestion.InstructionIntake;
import io.tradewind.settlementmatching.stage.matching.SettlementBook;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settlement book on PostgreSQL. Booking is idempotent per instruction id; matching runs a batch of commands in one
 * transaction, locking the batch's instructions and their candidates ({@code FOR UPDATE}, see {@link
 * LockedInstructions}) so no instruction is paired twice, and records the events of each input so that replaying it repeats them exactly. A matched pair settles at
 * once (the sandbox has no CSD): both sides are reported MATCHED, then SETTLED, and the pair is confirmed.
 */
public final class PostgresSettlementBook implements InstructionIntake, SettlementBook {
    private static final String RECEIVED = "RECEIVED";
    private final IngestionDecisions decisions =
            new IngestionDecisions("instruction", "instruction_id", "party", "instruction_id");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final SettlementMatcher matcher;
    private final DependencyGuard guard;
    private final Clock clock;
    private final CommandOutcomes<SettlementEvent> outcomes = new CommandOutcomes<>(SettlementEvent.class);

    public PostgresSettlementBook(
            JdbcTemplate jdbc,
            TransactionTemplate transaction,
            SettlementMatcher matcher,
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
                    RECEIVED
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
    public Map<String, BookedBefore> bookedBefore(Map<String, String> instructionIdByInputKey) {
        return guard.call(
                () -> jdbc.execute((ConnectionCallback<Map<String, BookedBefore>>) connection -> decisions.bookedBefore(
                        connection,
                        instructionIdByInputKey,
                        booked -> new BookedBefore(booked.id(), booked.partitionKey(), booked.messageId()))));
    }

    @Override
    public void recordRejections(List<RejectedInput> rejections) {
        guard.run(() -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            decisions.record(
                    connection,
                    rejections,
                    r -> new IngestionDecisions.Rejected(
                            r.inputKey(), r.party(), r.messageId(), r.instructionId(), r.reasons(), r.rejectedAt()));
            return null;
        }));
    }

    // ---------------------------------------------------------------- matching

    @Override
    public List<SettlementEvent> applyAll(List<SettlementCommand> commands) {
        return guard.call(() ->
                transaction.execute(status -> jdbc.execute((ConnectionCallback<List<SettlementEvent>>) connection -> {
                    LockedInstructions book = LockedInstructions.lock(
                            connection,
                            commands.stream()
                                    .map(SettlementCommand::instructionId)
                                    .toList());
                    List<SettlementEvent> events = outcomes.applyAll(
                            connection, commands, SettlementCommand::inputKey, command -> decide(book, command));
                    book.flush();
                    return events;
                })));
    }

    private List<SettlementEvent> decide(LockedInstructions book, SettlementCommand command) {
        Row incoming = book.get(command.instructionId());
        // Only an instruction still waiting for its first decision is decided by its command; commands of one pairing
        // key arrive in shard order, so every open candidate is one whose own command ran before.
        if (!incoming.status().equals(RECEIVED)) return List.of();
        List<Row> candidates = book.candidatesFor(incoming);
        Map<String, Row> byId = new HashMap<>();
        candidates.forEach(c -> byId.put(c.id(), c));
        SettlementOutcome outcome = matcher.decide(
                incoming.instruction(), candidates.stream().map(Row::open).toList());
        if (outcome instanceof SettlementOutcome.Matched matched)
            return settle(book, incoming, byId.get(matched.counterpart().instructionId()));
        if (outcome instanceof SettlementOutcome.Mismatched mismatched) {
            Row counterpart = byId.get(mismatched.counterpart().instructionId());
            List<SettlementEvent> events = new ArrayList<>();
            events.add(transition(
                    book,
                    incoming,
                    SettlementStatus.MISMATCHED,
                    null,
                    counterpart,
                    reasons(mismatched.reasons()),
                    null));
            // A counterpart already MISMATCHED was told so when it arrived; telling it again would be noise.
            if (counterpart.status().equals(SettlementStatus.UNMATCHED.name()))
                events.add(transition(
                        book,
                        counterpart,
                        SettlementStatus.MISMATCHED,
                        null,
                        incoming,
                        reasons(mismatched.reasons().stream()
                                .map(SettlementMismatch::reversed)
                                .toList()),
                        null));
            return events;
        }
        return List.of(transition(book, incoming, SettlementStatus.UNMATCHED, null, null, List.of(), null));
    }

    /** Pairs two matching instructions, settles them, and confirms the settled allocation to trade matching. */
    private List<SettlementEvent> settle(LockedInstructions book, Row incoming, Row counterpart) {
        String settlementMatchId = SettlementMatchIds.of(incoming.id(), counterpart.id());
        Row deliver = incoming.instruction().direction() == Direction.DELIVER ? incoming : counterpart;
        Row receive = deliver == incoming ? counterpart : incoming;
        book.pair(settlementMatchId, deliver.id(), receive.id(), clock.instant());
        SettlementConfirmation confirmation = new SettlementConfirmation(
                "SC-" + settlementMatchId,
                settlementMatchId,
                deliver.instruction().matchId(),
                deliver.instruction().allocationId(),
                deliver.id(),
                receive.id());
        return List.of(
                transition(book, incoming, SettlementStatus.MATCHED, settlementMatchId, counterpart, List.of(), null),
                transition(book, counterpart, SettlementStatus.MATCHED, settlementMatchId, incoming, List.of(), null),
                transition(
                        book,
                        incoming,
                        SettlementStatus.SETTLED,
                        settlementMatchId,
                        counterpart,
                        List.of(),
                        deliver == incoming ? confirmation : null),
                transition(
                        book,
                        counterpart,
                        SettlementStatus.SETTLED,
                        settlementMatchId,
                        incoming,
                        List.of(),
                        deliver == counterpart ? confirmation : null));
    }

    /** Moves an instruction to {@code status}, bumps its version, and returns the event reporting it. */
    private SettlementEvent transition(
            LockedInstructions book,
            Row row,
            SettlementStatus status,
            String settlementMatchId,
            Row counterpart,
            List<StatusReason> reasons,
            SettlementConfirmation confirmation) {
        String counterpartId = counterpart == null ? null : counterpart.id();
        Row moved = book.transition(row.id(), status, settlementMatchId, counterpartId);
        return new SettlementEvent(
                SettlementEvent.reportId(row.id(), moved.version(), status),
                status,
                row.id(),
                row.instruction().party(),
                row.instruction().messageId(),
                moved.version(),
                settlementMatchId,
                counterpartId,
                reasons,
                confirmation);
    }

    private static List<StatusReason> reasons(List<SettlementMismatch> mismatches) {
        return mismatches.stream()
                .map(m -> new StatusReason(m.field(), m.code(), m.ours(), m.theirs()))
                .toList();
    }

    private static String json(Object value) {
        try {
            return WireJson.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
