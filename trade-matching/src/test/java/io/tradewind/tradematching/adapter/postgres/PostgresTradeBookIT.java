package io.tradewind.tradematching.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.MessageType;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.platform.app.AppMigrations;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.tradematching.domain.MatchingTolerances;
import io.tradewind.tradematching.domain.TradeLifecycleEvent;
import io.tradewind.tradematching.domain.TradeMatcher;
import io.tradewind.tradematching.flow.TradeCommand;
import io.tradewind.tradematching.flow.TradeEvent;
import io.tradewind.tradematching.flow.TradeEvents;
import io.tradewind.tradematching.stage.ingestion.IngestionStage;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.Booked;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.BookedBefore;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.Bookings;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.HeldCancel;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.NewTrade;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.RejectedInput;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.ReleasedCancel;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.Sweep;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
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
 * The trade book's batches on PostgreSQL, for what the pipeline tests do not reach: a cancel that releases its
 * counterpart, which pairs again in the same batch with a side the batch did not name, a pair settled by two
 * confirmations in one batch, and the cancels ingestion holds for a trade not booked yet (released by the booking,
 * rejected for good by a sweep, never both). Each decision is checked in what the book returns and in its tables.
 */
@ExtendWith(LocalAwsExtension.class)
class PostgresTradeBookIT {
    private static final String BROKER = "BRK001";
    private static final String MANAGER = "IM042";

    private final LocalAws aws;
    private String schema;
    private JdbcTemplate jdbc;
    private PostgresTradeBook book;
    private PostgresTradeIntake intake;

    PostgresTradeBookIT(LocalAws aws) {
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
                .locations("classpath:io/tradewind/tradematching/adapter/postgres/migration", AppMigrations.LOCATION)
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
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        book = new PostgresTradeBook(
                jdbc,
                transaction,
                new TradeMatcher(MatchingTolerances.defaults()),
                DependencyGuard.forDependency("postgres"),
                clock);
        intake = new PostgresTradeIntake(jdbc, transaction, DependencyGuard.forDependency("postgres"), clock);
    }

    @AfterEach
    void dropSchema() {
        jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
    }

    @Test
    void aCancelReleasesItsCounterpartWhichPairsAgainInTheSameBatch() {
        book(trade(BROKER, SenderRole.BROKER, "T1"), trade(MANAGER, SenderRole.INVESTMENT_MANAGER, "T1"));
        book(trade(BROKER, SenderRole.BROKER, "T2"));
        assertThat(statuses(apply(List.of(match(BROKER, "T1"))))).containsExactly("BRK001|T1 UNMATCHED 1");
        // One batch: the manager's side pairs with the older broker side; the second broker side finds nobody left.
        assertThat(statuses(apply(List.of(match(MANAGER, "T1"), match(BROKER, "T2")))))
                .containsExactly("IM042|T1 MATCHED 1", "BRK001|T1 MATCHED 2", "BRK001|T2 UNMATCHED 1");

        TradeCommand cancel = new TradeCommand(TradeCommand.Kind.CANCEL, BROKER + "|T1", "BRK001|cancel-T1", "C-1");
        List<TradeEvent> cancelled = apply(List.of(cancel));

        // The batch named only BRK001|T1: the manager's side and its new counterpart were locked as they were needed.
        assertThat(statuses(cancelled))
                .containsExactly(
                        "BRK001|T1 CANCELLED 3", "IM042|T1 UNMATCHED 2", "IM042|T1 MATCHED 3", "BRK001|T2 MATCHED 2");
        assertThat(rows()).containsExactly("BRK001|T1 CANCELLED 3", "BRK001|T2 MATCHED 2", "IM042|T1 MATCHED 3");
        String newMatch = cancelled.get(2).matchId();
        assertThat(jdbc.queryForList("SELECT match_id FROM trade_match ORDER BY decided_at, match_id", String.class))
                .hasSize(2)
                .contains(newMatch);
        assertThat(cancelled.get(2).settlement())
                .as("the manager's side carries the instructions")
                .isNotNull();

        // Replayed, the cancel repeats its events and changes nothing.
        assertThat(statuses(apply(List.of(cancel)))).isEqualTo(statuses(cancelled));
        assertThat(rows()).containsExactly("BRK001|T1 CANCELLED 3", "BRK001|T2 MATCHED 2", "IM042|T1 MATCHED 3");
    }

    @Test
    void twoConfirmationsInOneBatchSettleThePairOnceAndADuplicateChangesNothing() {
        book(trade(BROKER, SenderRole.BROKER, "T9"), trade(MANAGER, SenderRole.INVESTMENT_MANAGER, "T9"));
        List<TradeEvent> matched = apply(List.of(match(BROKER, "T9"), match(MANAGER, "T9")));
        String matchId = matched.get(1).matchId();

        List<TradeEvent> settled = apply(List.of(
                TradeCommand.settle(matchId, "1", "SM|SC-1", "SC-1"),
                TradeCommand.settle(matchId, "2", "SM|SC-2", "SC-2")));

        assertThat(statuses(settled)).containsExactly("BRK001|T9 SETTLED 3", "IM042|T9 SETTLED 2");
        assertThat(rows()).containsExactly("BRK001|T9 SETTLED 3", "IM042|T9 SETTLED 2");
        assertThat(jdbc.queryForList(
                        "SELECT allocation_id FROM trade_allocation WHERE settled ORDER BY allocation_id",
                        String.class))
                .containsExactly("1", "2");
        assertThat(apply(List.of(TradeCommand.settle(matchId, "1", "SM|SC-1-again", "SC-1-again"))))
                .isEmpty();
        assertThat(apply(List.of(TradeCommand.settle("M-unknown", "1", "SM|SC-3", "SC-3"))))
                .isEmpty();
        assertThat(rows()).containsExactly("BRK001|T9 SETTLED 3", "IM042|T9 SETTLED 2");
    }

    @Test
    void aCancelThatReachesMatchingBeforeItsTradesMatchDecidesTheTradeFirst() {
        book(trade(BROKER, SenderRole.BROKER, "T5"));
        TradeCommand cancel = new TradeCommand(TradeCommand.Kind.CANCEL, BROKER + "|T5", "BRK001|cancel-T5", "C-5");

        assertThat(statuses(apply(List.of(cancel)))).containsExactly("BRK001|T5 UNMATCHED 1", "BRK001|T5 CANCELLED 2");
        assertThat(apply(List.of(match(BROKER, "T5"))))
                .as("the MATCH that comes late")
                .isEmpty();
        assertThat(rows()).containsExactly("BRK001|T5 CANCELLED 2");
    }

    @Test
    void aReplayedBatchRepeatsTheDecidedEventsExactlyFromWhatTheBookRecorded() {
        book(trade(BROKER, SenderRole.BROKER, "T3"), trade(MANAGER, SenderRole.INVESTMENT_MANAGER, "T3"));
        List<TradeCommand> commands = List.of(match(BROKER, "T3"), match(MANAGER, "T3"));
        TradeCommand refusedCancel =
                new TradeCommand(TradeCommand.Kind.CANCEL, BROKER + "|T3", "BRK001|cancel-T3", "C-3");
        List<TradeLifecycleEvent> decided = book.applyAll(commands);
        String matchId = ((TradeLifecycleEvent.TradeMatched) decided.get(1)).matchId();
        book.applyAll(List.of(
                TradeCommand.settle(matchId, "1", "SM|SC-31", "SC-31"),
                TradeCommand.settle(matchId, "2", "SM|SC-32", "SC-32")));
        List<TradeLifecycleEvent> refused = book.applyAll(List.of(refusedCancel));

        assertThat(book.applyAll(commands))
                .as("replayed from match_event, the settlement instructions included")
                .isEqualTo(decided);
        assertThat(book.applyAll(List.of(refusedCancel))).isEqualTo(refused);
        assertThat(TradeEvents.of(refused.get(0)).reportMessageId()).isEqualTo("TR-BRK001|cancel-T3");
        assertThat(rows()).containsExactly("BRK001|T3 SETTLED 3", "IM042|T3 SETTLED 2");
    }

    @Test
    void aMismatchedPairIsRecordedWithTheIncomingSidesReasons() {
        TradeMessage manager = trade(MANAGER, SenderRole.INVESTMENT_MANAGER, "T4");
        book(
                trade(BROKER, SenderRole.BROKER, "T4"),
                new TradeMessage(
                        manager.messageId(),
                        manager.messageType(),
                        manager.senderId(),
                        manager.senderRole(),
                        manager.tradeRef(),
                        manager.executingBroker(),
                        manager.investmentManager(),
                        manager.side(),
                        manager.security(),
                        manager.quantity(),
                        manager.price(),
                        "EUR",
                        manager.tradeDate(),
                        manager.settlementDate(),
                        manager.netAmount(),
                        manager.allocations()));

        List<TradeEvent> events = apply(List.of(match(BROKER, "T4"), match(MANAGER, "T4")));

        assertThat(statuses(events))
                .containsExactly("BRK001|T4 UNMATCHED 1", "IM042|T4 MISMATCHED 1", "BRK001|T4 MISMATCHED 2");
        assertThat(events.get(1).reasons()).containsExactly(new StatusReason("currency", "DIFFERENT", "EUR", "USD"));
        assertThat(events.get(2).reasons()).containsExactly(new StatusReason("currency", "DIFFERENT", "USD", "EUR"));
        assertThat(jdbc.queryForObject("SELECT outcome || ' ' || reasons FROM trade_match", String.class))
                .isEqualTo(
                        "MISMATCHED [{\"field\":\"currency\",\"code\":\"DIFFERENT\",\"ours\":\"EUR\",\"theirs\":\"USD\"}]");
    }

    // ---------------------------------------------------------------- held cancels

    private static final Instant RECEIVED = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant HELD = Instant.parse("2026-11-23T09:00:01Z");

    private static HeldCancel cancelOf(String ref, String messageId) {
        return new HeldCancel(BROKER + "|" + ref, BROKER + "|" + messageId, messageId, BROKER, ref, RECEIVED);
    }

    private static RejectedInput unknownTrade(HeldCancel cancel) {
        return IngestionStage.unknownTrade(cancel, HELD.plusSeconds(31));
    }

    private List<String> holds() {
        return jdbc.query(
                "SELECT input_key, released_at IS NOT NULL, rejected_at IS NOT NULL FROM pending_cancel"
                        + " ORDER BY input_key",
                (rs, n) -> rs.getString(1)
                        + (rs.getBoolean(2) ? " released" : "")
                        + (rs.getBoolean(3) ? " rejected" : ""));
    }

    @Test
    void holdsACancelOfATradeNotBookedAndTheBookingReleasesItUntilMatchingHasAppliedIt() {
        HeldCancel cancel = cancelOf("H1", "C-H1");
        assertThat(intake.holdUnbooked(List.of(cancel), HELD)).isEmpty();
        assertThat(intake.holdUnbooked(List.of(cancel), HELD.plusSeconds(5)))
                .as("held again, as it was")
                .isEmpty();
        assertThat(holds()).containsExactly("BRK001|C-H1");

        TradeMessage trade = trade(BROKER, SenderRole.BROKER, "H1");
        Bookings booked = intake.bookAll(List.of(new NewTrade(trade, "BRK001|BRK001-H1", RECEIVED)), List.of());

        String pairingKey = ((Booked) booked.bookings().get(0)).partitionKey();
        assertThat(booked.released()).containsExactly(new ReleasedCancel(cancel, pairingKey));
        assertThat(holds()).containsExactly("BRK001|C-H1 released");
        assertThat(intake.bookAll(List.of(), List.of("BRK001|H1")).released())
                .as("a replayed booking sends it again")
                .containsExactly(new ReleasedCancel(cancel, pairingKey));
        assertThat(intake.holdUnbooked(List.of(cancel), HELD)).containsExactly(Map.entry("BRK001|H1", pairingKey));

        intake.forgetHolds(List.of());
        assertThat(holds()).as("kept while matching has not applied it").hasSize(1);
        apply(List.of(
                match(BROKER, "H1"),
                new TradeCommand(TradeCommand.Kind.CANCEL, cancel.tradeId(), cancel.inputKey(), cancel.messageId())));
        intake.forgetHolds(List.of());
        assertThat(holds()).isEmpty();
        assertThat(rows()).containsExactly("BRK001|H1 CANCELLED 2");
    }

    @Test
    void aSweepAnswersAHoldPastItsGraceUnknownTradeForGood() {
        HeldCancel cancel = cancelOf("H2", "C-H2");
        intake.holdUnbooked(List.of(cancel), HELD);

        assertThat(intake.sweepHeldCancels(HELD, 10, PostgresTradeBookIT::unknownTrade))
                .as("within the grace")
                .isEqualTo(new Sweep(List.of(), List.of()));
        Sweep swept = intake.sweepHeldCancels(HELD.plusSeconds(1), 10, PostgresTradeBookIT::unknownTrade);

        assertThat(swept.rejected()).containsExactly(unknownTrade(cancel));
        assertThat(swept.released()).isEmpty();
        assertThat(holds()).containsExactly("BRK001|C-H2 rejected");
        assertThat(intake.rejectedBefore(List.of(cancel.inputKey())))
                .containsExactly(Map.entry(cancel.inputKey(), unknownTrade(cancel)));
        assertThat(intake.sweepHeldCancels(HELD.plusSeconds(1), 10, PostgresTradeBookIT::unknownTrade)
                        .rejected())
                .as("recorded but not yet published: returned again")
                .containsExactly(unknownTrade(cancel));

        intake.forgetHolds(List.of(cancel.inputKey()));
        assertThat(holds()).isEmpty();
        Bookings late = intake.bookAll(
                List.of(new NewTrade(trade(BROKER, SenderRole.BROKER, "H2"), "BRK001|BRK001-H2", RECEIVED)), List.of());
        assertThat(late.released()).as("the trade booked late cancels nothing").isEmpty();
        assertThat(intake.rejectedBefore(List.of(cancel.inputKey(), "BRK001|BRK001-H2")))
                .containsOnlyKeys(cancel.inputKey());
        assertThat(intake.bookedBefore(Map.of("BRK001|BRK001-H2", "BRK001|H2", "BRK001|OTHER-H2", "BRK001|H2")))
                .as("booked by that input, not by another naming the same trade")
                .containsExactly(Map.entry(
                        "BRK001|BRK001-H2",
                        new BookedBefore("BRK001|H2", ((Booked) late.bookings().get(0)).partitionKey(), "BRK001-H2")));
    }

    @Test
    void aSweepReleasesAHoldWhoseTradeABookingBesideItDidNotSee() {
        book(trade(BROKER, SenderRole.BROKER, "H3"));
        // What a hold written beside that booking leaves: neither saw the other's row before it committed.
        jdbc.update(
                "INSERT INTO pending_cancel (input_key, trade_id, message_id, sender_id, trade_ref, received_at, held_at)"
                        + " VALUES ('BRK001|C-H3', 'BRK001|H3', 'C-H3', 'BRK001', 'H3', ?, ?)",
                Timestamp.from(RECEIVED),
                Timestamp.from(HELD));

        Sweep swept = intake.sweepHeldCancels(HELD.plusSeconds(1), 10, PostgresTradeBookIT::unknownTrade);

        assertThat(swept.rejected()).isEmpty();
        assertThat(swept.released()).extracting(r -> r.cancel().inputKey()).containsExactly("BRK001|C-H3");
        assertThat(holds()).containsExactly("BRK001|C-H3 released");
    }

    @Test
    void aBookingThatMeetsAHoldBeingSweptWaitsAndThenFindsItRejected() throws Exception {
        HeldCancel cancel = cancelOf("H4", "C-H4");
        intake.holdUnbooked(List.of(cancel), HELD);
        CountDownLatch sweeping = new CountDownLatch(1);
        CountDownLatch decide = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Sweep> sweep = threads.submit(() -> intake.sweepHeldCancels(HELD.plusSeconds(1), 10, held -> {
                sweeping.countDown(); // the hold is locked now
                awaitQuietly(decide);
                return unknownTrade(held);
            }));
            sweeping.await();
            Future<Bookings> booking = threads.submit(() -> intake.bookAll(
                    List.of(new NewTrade(trade(BROKER, SenderRole.BROKER, "H4"), "BRK001|BRK001-H4", RECEIVED)),
                    List.of()));
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingOnLocks() == 1);
            decide.countDown();

            assertThat(sweep.get().rejected()).containsExactly(unknownTrade(cancel));
            assertThat(booking.get().released()).isEmpty();
            assertThat(booking.get().bookings()).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aSweepSkipsAHoldABookingIsReleasingAndFindsItReleasedAfterwards() throws Exception {
        HeldCancel cancel = cancelOf("H5", "C-H5");
        intake.holdUnbooked(List.of(cancel), HELD);
        book(trade(BROKER, SenderRole.BROKER, "H5")); // released, and ...
        jdbc.update("UPDATE pending_cancel SET released_at = NULL"); // ... caught while its transaction is open:
        try (Connection booking = jdbc.getDataSource().getConnection()) {
            booking.setAutoCommit(false);
            try (var release = booking.prepareStatement(
                    "UPDATE pending_cancel SET released_at = now() WHERE trade_id = 'BRK001|H5'")) {
                release.executeUpdate();
            }

            assertThat(intake.sweepHeldCancels(HELD.plusSeconds(1), 10, PostgresTradeBookIT::unknownTrade))
                    .as("skipped, not waited for")
                    .isEqualTo(new Sweep(List.of(), List.of()));
            booking.commit();
        }
        assertThat(intake.sweepHeldCancels(HELD.plusSeconds(1), 10, PostgresTradeBookIT::unknownTrade))
                .isEqualTo(new Sweep(List.of(), List.of()));
        assertThat(holds()).containsExactly("BRK001|C-H5 released");
        assertThat(intake.rejectedBefore(List.of(cancel.inputKey()))).isEmpty();
    }

    @Test
    void aRejectionIsRecordedOnceWithTheTradeRefItNamed() {
        RejectedInput first = new RejectedInput(
                "BRK001|BAD-1",
                BROKER,
                "BAD-1",
                "T9",
                List.of(new StatusReason("price", "MISSING", null, null)),
                Instant.parse("2026-11-23T09:00:00Z"));
        intake.recordRejections(List.of(first));
        intake.recordRejections(List.of(new RejectedInput(
                "BRK001|BAD-1",
                BROKER,
                "BAD-1",
                "T9",
                List.of(new StatusReason("price", "OTHER", null, null)),
                Instant.parse("2026-11-24T09:00:00Z"))));

        assertThat(intake.rejectedBefore(List.of("BRK001|BAD-1", "BRK001|NEVER")))
                .containsExactly(Map.entry("BRK001|BAD-1", first));
    }

    private int waitingOnLocks() {
        Integer waiting = jdbc.queryForObject(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%pending_cancel%'",
                Integer.class);
        return waiting == null ? 0 : waiting;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void book(TradeMessage... trades) {
        List<NewTrade> bookings = List.of(trades).stream()
                .map(t -> new NewTrade(t, t.senderId() + "|" + t.messageId(), Instant.parse("2026-11-23T09:00:00Z")))
                .toList();
        assertThat(intake.bookAll(bookings, List.of()).bookings()).hasSize(trades.length);
    }

    private static TradeCommand match(String sender, String ref) {
        return new TradeCommand(TradeCommand.Kind.MATCH, sender + "|" + ref, sender + "|" + sender + "-" + ref, ref);
    }

    private static TradeMessage trade(String sender, SenderRole role, String ref) {
        return new TradeMessage(
                sender + "-" + ref,
                MessageType.NEW,
                sender,
                role,
                ref,
                BROKER,
                MANAGER,
                Side.BUY,
                "US0378331005",
                1000,
                new BigDecimal("187.2500"),
                "USD",
                LocalDate.of(2026, 11, 20),
                LocalDate.of(2026, 11, 23),
                new BigDecimal("187250.00"),
                List.of(new Allocation("1", "ACC-1", 600), new Allocation("2", "ACC-2", 400)));
    }

    /** Applies the commands and returns the events as egress receives them. */
    private List<TradeEvent> apply(List<TradeCommand> commands) {
        return book.applyAll(commands).stream().map(TradeEvents::of).toList();
    }

    private static List<String> statuses(List<TradeEvent> events) {
        return events.stream()
                .map(e -> e.trade().tradeId() + " " + e.status() + " " + e.version())
                .toList();
    }

    private List<String> rows() {
        return jdbc.query(
                "SELECT trade_id, status, version FROM trade ORDER BY trade_id",
                (rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3));
    }
}
