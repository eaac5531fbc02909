package io.tradewind.tradematching.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.Side;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.platform.app.AppMigrations;
import io.tradewind.platform.gateway.JournalEntry;
import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.reconciliation.InputFate;
import io.tradewind.platform.reconciliation.InputFates;
import io.tradewind.tradematching.flow.TradeEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What became of trade matching's inputs, read from its own migrated tables on a real PostgreSQL. */
@ExtendWith(LocalAwsExtension.class)
class PostgresTradeInputFatesIT {
    private final EmulatedRegion region;
    private final String schema = "fates_" + UUID.randomUUID().toString().replace("-", "");
    private InputFates fates;

    PostgresTradeInputFatesIT(LocalAws aws) {
        region = aws.region(LocalAwsConfig.PRIMARY_REGION);
    }

    @BeforeEach
    void migrate() {
        Flyway.configure()
                .dataSource(region.postgresJdbcUrl(), region.postgresUser(), region.postgresPassword())
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:io/tradewind/tradematching/adapter/postgres/migration", AppMigrations.LOCATION)
                .load()
                .migrate();
        fates = new PostgresTradeInputFates().over(this::connect, schema);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection connection = connect();
                Statement ddl = connection.createStatement()) {
            ddl.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void eachInputIsRejectedAppliedOrUndecidedWithTheMessagesItsStateImplies() throws SQLException {
        execute("INSERT INTO rejected_input (input_key, sender_id, message_id, reasons, rejected_at)"
                + " VALUES ('BRK001|bad', 'BRK001', 'bad', '[]', now()),"
                + " ('settlement-matching|SC-9', 'settlement-matching', 'SC-9', '[]', now())");
        execute("INSERT INTO applied_input (input_key) VALUES ('IM042|m1'), ('settlement-matching|SC-1')");
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + schema + ".match_event (input_key, seq, payload) VALUES (?, ?, ?)")) {
            insert.setString(1, "IM042|m1");
            insert.setInt(2, 0);
            insert.setString(3, payload(matched("TS-IM042|T1-v1-MATCHED", "M-1")));
            insert.addBatch();
            insert.setInt(2, 1);
            insert.setString(3, payload(matched("TS-BRK001|T1-v2-MATCHED", null)));
            insert.addBatch();
            insert.executeBatch();
        }

        Map<String, InputFate> found = fates.fatesOf(List.of(
                journaled("BRK001|bad", Queues.TRADES_INBOUND),
                journaled("settlement-matching|SC-9", Queues.SETTLEMENTS_CONFIRMATIONS),
                journaled("IM042|m1", Queues.TRADES_INBOUND),
                journaled("settlement-matching|SC-1", Queues.SETTLEMENTS_CONFIRMATIONS),
                journaled("BRK001|lost", Queues.TRADES_INBOUND)));

        assertThat(found)
                .containsEntry("BRK001|bad", InputFate.rejected(List.of("TR-BRK001|bad")))
                .containsEntry("settlement-matching|SC-9", InputFate.rejected(List.of()))
                .containsEntry(
                        "IM042|m1",
                        InputFate.applied(List.of(
                                "TS-IM042|T1-v1-MATCHED",
                                "SI-M-1-1-DELIVER",
                                "SI-M-1-1-RECEIVE",
                                "TS-BRK001|T1-v2-MATCHED")))
                .containsEntry("settlement-matching|SC-1", InputFate.applied(List.of()))
                .containsEntry("BRK001|lost", InputFate.UNDECIDED)
                .hasSize(5);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(region.postgresJdbcUrl(), region.postgresUser(), region.postgresPassword());
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            statement.execute(sql);
        }
    }

    /** A MATCHED event; with a match id, the investment manager's side carrying one allocation's settlement. */
    private static TradeEvent matched(String reportId, String matchId) {
        TradeEvent.MatchedSettlement settlement = matchId == null
                ? null
                : new TradeEvent.MatchedSettlement(
                        Side.BUY,
                        "BRK001",
                        "US0378331005",
                        LocalDate.of(2026, 11, 20),
                        LocalDate.of(2026, 11, 23),
                        new BigDecimal("187.2500"),
                        "USD",
                        List.of(new Allocation("1", "ACC-1", 1000)));
        return new TradeEvent(
                reportId,
                TradeStatus.MATCHED,
                new TradeEvent.TradeRef("IM042|T1", "IM042", "T1"),
                "m1",
                1,
                "M-1",
                null,
                List.of(),
                settlement);
    }

    private static String payload(TradeEvent event) {
        return new String(FlowJson.encode(event), StandardCharsets.UTF_8);
    }

    private static JournalEntry journaled(String key, String source) {
        return new JournalEntry(key, "{}", "p", "ID:" + key, Instant.EPOCH, source, 2);
    }
}
