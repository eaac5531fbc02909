package io.tradewind.tradematching.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.MessageType;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.tradematching.domain.MatchingTolerances;
import io.tradewind.tradematching.domain.TradeMatcher;
import io.tradewind.tradematching.flow.TradeCommand;
import io.tradewind.tradematching.flow.TradeEvent;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.NewTrade;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
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
 * counterpart, which pairs again in the same batch with a side the batch did not name, and a pair settled by two
 * confirmations in one batch. Each decision is checked in the events and in the tables the batch flushed.
 */
@ExtendWith(LocalAwsExtension.class)
class PostgresTradeBookIT {
    private static final String BROKER = "BRK001";
    private static final String MANAGER = "IM042";

    private final LocalAws aws;
    private String schema;
    private JdbcTemplate jdbc;
    private PostgresTradeBook book;

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
                .locations("classpath:io/tradewind/tradematching/adapter/postgres/migration")
                .load()
                .migrate();
        String url = region.postgresJdbcUrl()
                + (region.postgresJdbcUrl().contains("?") ? "&" : "?")
                + "currentSchema="
                + schema;
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(url, region.postgresUser(), region.postgresPassword());
        jdbc = new JdbcTemplate(dataSource);
        book = new PostgresTradeBook(
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new TradeMatcher(MatchingTolerances.defaults()),
                DependencyGuard.forDependency("postgres"),
                Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void dropSchema() {
        jdbc.execute("DROP SCHEMA " + schema + " CASCADE");
    }

    @Test
    void aCancelReleasesItsCounterpartWhichPairsAgainInTheSameBatch() {
        book(trade(BROKER, SenderRole.BROKER, "T1"), trade(MANAGER, SenderRole.INVESTMENT_MANAGER, "T1"));
        book(trade(BROKER, SenderRole.BROKER, "T2"));
        assertThat(statuses(book.applyAll(List.of(match(BROKER, "T1"))))).containsExactly("BRK001|T1 UNMATCHED 1");
        // One batch: the manager's side pairs with the older broker side; the second broker side finds nobody left.
        assertThat(statuses(book.applyAll(List.of(match(MANAGER, "T1"), match(BROKER, "T2")))))
                .containsExactly("IM042|T1 MATCHED 1", "BRK001|T1 MATCHED 2", "BRK001|T2 UNMATCHED 1");

        TradeCommand cancel = new TradeCommand(TradeCommand.Kind.CANCEL, BROKER + "|T1", "BRK001|cancel-T1", "C-1");
        List<TradeEvent> cancelled = book.applyAll(List.of(cancel));

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
        assertThat(statuses(book.applyAll(List.of(cancel)))).isEqualTo(statuses(cancelled));
        assertThat(rows()).containsExactly("BRK001|T1 CANCELLED 3", "BRK001|T2 MATCHED 2", "IM042|T1 MATCHED 3");
    }

    @Test
    void twoConfirmationsInOneBatchSettleThePairOnceAndADuplicateChangesNothing() {
        book(trade(BROKER, SenderRole.BROKER, "T9"), trade(MANAGER, SenderRole.INVESTMENT_MANAGER, "T9"));
        List<TradeEvent> matched = book.applyAll(List.of(match(BROKER, "T9"), match(MANAGER, "T9")));
        String matchId = matched.get(1).matchId();

        List<TradeEvent> settled = book.applyAll(List.of(
                TradeCommand.settle(matchId, "1", "SM|SC-1", "SC-1"),
                TradeCommand.settle(matchId, "2", "SM|SC-2", "SC-2")));

        assertThat(statuses(settled)).containsExactly("BRK001|T9 SETTLED 3", "IM042|T9 SETTLED 2");
        assertThat(rows()).containsExactly("BRK001|T9 SETTLED 3", "IM042|T9 SETTLED 2");
        assertThat(jdbc.queryForList(
                        "SELECT allocation_id FROM trade_allocation WHERE settled ORDER BY allocation_id",
                        String.class))
                .containsExactly("1", "2");
        assertThat(book.applyAll(List.of(TradeCommand.settle(matchId, "1", "SM|SC-1-again", "SC-1-again"))))
                .isEmpty();
        assertThat(book.applyAll(List.of(TradeCommand.settle("M-unknown", "1", "SM|SC-3", "SC-3"))))
                .isEmpty();
        assertThat(rows()).containsExactly("BRK001|T9 SETTLED 3", "IM042|T9 SETTLED 2");
    }

    private void book(TradeMessage... trades) {
        List<NewTrade> bookings = List.of(trades).stream()
                .map(t -> new NewTrade(t, t.senderId() + "|" + t.messageId(), Instant.parse("2026-11-23T09:00:00Z")))
                .toList();
        assertThat(book.bookAll(bookings)).hasSize(trades.length);
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
