package io.tradewind.settlementmatching.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.topology.Queues;
import io.tradewind.platform.app.AppMigrations;
import io.tradewind.platform.gateway.JournalEntry;
import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.reconciliation.InputFate;
import io.tradewind.settlementmatching.flow.SettlementEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What became of settlement matching's inputs, read from its own migrated tables on a real PostgreSQL. */
@ExtendWith(LocalAwsExtension.class)
class PostgresSettlementInputFatesIT {
    private final EmulatedRegion region;
    private final String schema = "fates_" + UUID.randomUUID().toString().replace("-", "");

    PostgresSettlementInputFatesIT(LocalAws aws) {
        region = aws.region(LocalAwsConfig.PRIMARY_REGION);
    }

    @BeforeEach
    void migrate() {
        Flyway.configure()
                .dataSource(region.postgresJdbcUrl(), region.postgresUser(), region.postgresPassword())
                .schemas(schema)
                .defaultSchema(schema)
                .locations(
                        "classpath:io/tradewind/settlementmatching/adapter/postgres/migration", AppMigrations.LOCATION)
                .load()
                .migrate();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection connection = connect();
                Statement ddl = connection.createStatement()) {
            ddl.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void aRejectedInstructionImpliesItsReportAndASettledOneItsReportAndConfirmation() throws SQLException {
        SettlementEvent settled = new SettlementEvent(
                "SS-I1-v2-SETTLED",
                SettlementStatus.SETTLED,
                "I1",
                "DESK",
                "m1",
                2,
                "SM-1",
                "I2",
                List.of(),
                new SettlementConfirmation("SC-SM-1", "SM-1", "M-1", "1", "I1", "I2"));
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                PreparedStatement event = connection.prepareStatement(
                        "INSERT INTO match_event (input_key, seq, payload) VALUES ('DESK|m1', 0, ?)")) {
            statement.execute("SET search_path TO " + schema);
            statement.execute("INSERT INTO rejected_input (input_key, party, message_id, reasons, rejected_at)"
                    + " VALUES ('DESK|bad', 'DESK', 'bad', '[]', now())");
            statement.execute("INSERT INTO applied_input (input_key) VALUES ('DESK|m1')");
            event.setString(1, new String(FlowJson.encode(settled), StandardCharsets.UTF_8));
            event.executeUpdate();
        }

        assertThat(new PostgresSettlementInputFates()
                        .over(this::connect, schema)
                        .fatesOf(List.of(journaled("DESK|bad"), journaled("DESK|m1"), journaled("DESK|lost"))))
                .containsEntry("DESK|bad", InputFate.rejected(List.of("SR-DESK|bad")))
                .containsEntry("DESK|m1", InputFate.applied(List.of("SS-I1-v2-SETTLED", "SC-SM-1")))
                .containsEntry("DESK|lost", InputFate.UNDECIDED)
                .hasSize(3);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(region.postgresJdbcUrl(), region.postgresUser(), region.postgresPassword());
    }

    private static JournalEntry journaled(String key) {
        return new JournalEntry(key, "{}", "p", "ID:" + key, Instant.EPOCH, Queues.SETTLEMENTS_INBOUND, 2);
    }
}
