package io.tradewind.settlementmatching.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.model.settlement.Direction;
import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.platform.app.AppMigrations;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.settlementmatching.domain.InstructionEvent;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionMismatched;
import io.tradewind.settlementmatching.domain.InstructionEvent.InstructionSettled;
import io.tradewind.settlementmatching.domain.SettlementMatchIds;
import io.tradewind.settlementmatching.domain.SettlementMatcher;
import io.tradewind.settlementmatching.domain.SettlementTolerances;
import io.tradewind.settlementmatching.flow.SettlementCommand;
import io.tradewind.settlementmatching.stage.ingestion.InstructionIntake.Booked;
import io.tradewind.settlementmatching.stage.ingestion.InstructionIntake.Booking;
import io.tradewind.settlementmatching.stage.ingestion.InstructionIntake.DuplicateInstructionId;
import io.tradewind.settlementmatching.stage.ingestion.InstructionIntake.NewInstruction;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The settlement book on PostgreSQL: booking, and batches the lifecycle decides on the rows the book locked and loaded.
 * Each decision is checked in what the book returns and in its tables: the instruction rows, the settled pairs and what
 * each input produced.
 */
@ExtendWith(LocalAwsExtension.class)
class PostgresSettlementBookIT {
    private static final String MATCH_ID = "M-8da1b3c8ac6021d3";
    private static final String BROKER = "BRK001";
    private static final String MANAGER = "IM042";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant RECEIVED = Instant.parse("2026-11-23T09:00:00Z");

    private final LocalAws aws;
    private String schema;
    private JdbcTemplate jdbc;
    private PostgresInstructionIntake intake;
    private PostgresSettlementBook book;

    PostgresSettlementBookIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void migrate() {
        var region = aws.region(LocalAwsConfig.PRIMARY_REGION);
        schema = "book_" + UUID.randomUUID().toString().replace("-", "");
        Flyway.configure()
                .dataSource(region.postgresJdbcUrl(), region.postgresUser(), region.postgresPassword())
                .schemas(schema)
                .defaultSchema(schema)
                .locations(
                        "classpath:io/tradewind/settlementmatching/adapter/postgres/migration", AppMigrations.LOCATION)
                .load()
                .migrate();
        String url = region.postgresJdbcUrl()
                + (region.postgresJdbcUrl().contains("?") ? "&" : "?")
                + "currentSchema="
                + schema;
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(url, region.postgresUser(), region.postgresPassword());
        jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        DependencyGuard guard = DependencyGuard.forDependency("postgres");
        intake = new PostgresInstructionIntake(jdbc, transaction, guard);
        book = new PostgresSettlementBook(
                jdbc,
                transaction,
                new SettlementMatcher(SettlementTolerances.csdr()),
                guard,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void dropSchema() {
        jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
    }

    @Test
    void bookingIsIdempotentForItsInputAndRefusesTheSameInstructionIdFromAnotherInput() {
        SettlementInstruction delivery = delivery("D-1", "112350.00");
        NewInstruction first = booking(delivery);

        List<Booking> booked = intake.bookAll(List.of(first));
        List<Booking> replayed = intake.bookAll(List.of(first));
        List<Booking> other = intake.bookAll(List.of(new NewInstruction(delivery, "BRK001|TW-other", RECEIVED)));

        assertThat(booked).singleElement().isInstanceOf(Booked.class);
        assertThat(replayed).isEqualTo(booked);
        assertThat(other).containsExactly(new DuplicateInstructionId("D-1", "TW-D-1"));
        assertThat(rows()).containsExactly("D-1 RECEIVED v0 null null");
    }

    @Test
    void aDeliveryAndItsReceiptMatchSettleAndConfirmTheAllocation() {
        book(delivery("D-1", "112350.00"), receipt("R-1", "112350.00"));
        String pair = SettlementMatchIds.of("D-1", "R-1");

        assertThat(statuses(book.applyAll(List.of(command("D-1", BROKER))))).containsExactly("D-1 UNMATCHED v1");
        List<InstructionEvent> settled = book.applyAll(List.of(command("R-1", MANAGER)));

        assertThat(statuses(settled))
                .containsExactly("R-1 MATCHED v1", "D-1 MATCHED v2", "R-1 SETTLED v2", "D-1 SETTLED v3");
        assertThat(((InstructionSettled) settled.get(3)).confirmation())
                .contains(new SettlementConfirmation("SC-" + pair, pair, MATCH_ID, "1", "D-1", "R-1"));
        assertThat(((InstructionSettled) settled.get(2)).confirmation()).isEmpty();
        assertThat(rows()).containsExactly("D-1 SETTLED v3 " + pair + " R-1", "R-1 SETTLED v2 " + pair + " D-1");
        assertThat(jdbc.queryForList(
                        "SELECT settlement_match_id || ' ' || deliver_instruction_id || ' ' || receive_instruction_id"
                                + " || ' ' || (settled_at = ?) FROM settlement_match",
                        String.class,
                        Timestamp.from(NOW)))
                .containsExactly(pair + " D-1 R-1 true");
    }

    @Test
    void aMismatchLeavesBothOpenAndAReceiptThatAgreesStillMatchesTheDelivery() {
        book(delivery("D-1", "112350.00"), receipt("R-1", "112375.01"), receipt("R-2", "112350.00"));

        List<InstructionEvent> mismatched = book.applyAll(List.of(command("D-1", BROKER), command("R-1", MANAGER)));

        assertThat(statuses(mismatched)).containsExactly("D-1 UNMATCHED v1", "R-1 MISMATCHED v1", "D-1 MISMATCHED v2");
        assertThat(((InstructionMismatched) mismatched.get(1)).reasons())
                .singleElement()
                .satisfies(reason -> {
                    assertThat(reason.field()).isEqualTo("settlementAmount");
                    assertThat(reason.ours()).isEqualTo("112375.01");
                });
        assertThat(rows())
                .containsExactly(
                        "D-1 MISMATCHED v2 null R-1", "R-1 MISMATCHED v1 null D-1", "R-2 RECEIVED v0 null null");

        assertThat(statuses(book.applyAll(List.of(command("R-2", MANAGER)))))
                .containsExactly("R-2 MATCHED v1", "D-1 MATCHED v3", "R-2 SETTLED v2", "D-1 SETTLED v4");
        assertThat(rows()).contains("D-1 SETTLED v4 " + SettlementMatchIds.of("D-1", "R-2") + " R-2");
    }

    @Test
    void aReplayedInputRepeatsTheSameEventsAndChangesNothing() {
        book(delivery("D-1", "112350.00"), receipt("R-1", "112350.00"));
        book.applyAll(List.of(command("D-1", BROKER)));
        List<InstructionEvent> first = book.applyAll(List.of(command("R-1", MANAGER)));
        List<String> rowsBefore = rows();

        List<InstructionEvent> replayed = book.applyAll(List.of(command("R-1", MANAGER)));
        // Repeated within one batch, an input is answered from what it produced earlier in the batch.
        List<InstructionEvent> twice = book.applyAll(List.of(command("D-1", BROKER), command("D-1", BROKER)));

        assertThat(replayed).isEqualTo(first);
        assertThat(statuses(twice)).containsExactly("D-1 UNMATCHED v1", "D-1 UNMATCHED v1");
        assertThat(rows()).isEqualTo(rowsBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM match_event", Integer.class))
                .isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM applied_input", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void concurrentBatchesNeverPairAnInstructionTwice() throws Exception {
        int receipts = 4;
        List<SettlementInstruction> booked = new ArrayList<>(List.of(delivery("D-1", "112350.00")));
        for (int i = 1; i <= receipts; i++) booked.add(receipt("R-" + i, "112350.00"));
        book(booked.toArray(SettlementInstruction[]::new));
        book.applyAll(List.of(command("D-1", BROKER)));

        ExecutorService threads = Executors.newFixedThreadPool(receipts);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<InstructionEvent>>> batches = new ArrayList<>();
            for (int i = 1; i <= receipts; i++) {
                SettlementCommand command = command("R-" + i, MANAGER);
                batches.add(threads.submit(() -> {
                    start.await();
                    return book.applyAll(List.of(command));
                }));
            }
            start.countDown();
            List<String> statuses = new ArrayList<>();
            for (Future<List<InstructionEvent>> batch : batches) statuses.addAll(statuses(batch.get()));

            assertThat(statuses)
                    .filteredOn(s -> s.startsWith("D-1"))
                    .containsExactly("D-1 MATCHED v2", "D-1 SETTLED v3");
            assertThat(statuses).filteredOn(s -> s.contains("UNMATCHED")).hasSize(receipts - 1);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM settlement_match", Integer.class))
                    .isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    private void book(SettlementInstruction... instructions) {
        List<NewInstruction> bookings = List.of(instructions).stream()
                .map(PostgresSettlementBookIT::booking)
                .toList();
        assertThat(intake.bookAll(bookings)).allMatch(Booked.class::isInstance);
    }

    private static NewInstruction booking(SettlementInstruction instruction) {
        return new NewInstruction(instruction, instruction.party() + "|" + instruction.messageId(), RECEIVED);
    }

    private static SettlementCommand command(String instructionId, String party) {
        return new SettlementCommand(instructionId, party + "|TW-" + instructionId, "TW-" + instructionId);
    }

    private static SettlementInstruction delivery(String instructionId, String amount) {
        return instruction(instructionId, Direction.DELIVER, BROKER, MANAGER, amount);
    }

    private static SettlementInstruction receipt(String instructionId, String amount) {
        return instruction(instructionId, Direction.RECEIVE, MANAGER, BROKER, amount);
    }

    private static SettlementInstruction instruction(
            String instructionId, Direction direction, String party, String counterparty, String amount) {
        return new SettlementInstruction(
                "TW-" + instructionId,
                instructionId,
                MATCH_ID,
                "1",
                direction,
                party,
                counterparty,
                "US0378331005",
                600,
                new BigDecimal(amount),
                "USD",
                LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 11, 23));
    }

    private static List<String> statuses(List<InstructionEvent> events) {
        return events.stream()
                .map(e -> e.instructionId() + " " + e.status() + " v" + e.version())
                .toList();
    }

    private List<String> rows() {
        return jdbc.queryForList(
                "SELECT instruction_id || ' ' || status || ' v' || version || ' ' || coalesce(settlement_match_id,"
                        + " 'null') || ' ' || coalesce(counterpart_instruction_id, 'null') FROM instruction"
                        + " ORDER BY instruction_id",
                String.class);
    }
}
