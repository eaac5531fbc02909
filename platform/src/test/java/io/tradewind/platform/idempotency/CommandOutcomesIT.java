package io.tradewind.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.junit.LocalAwsExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outcome tables on a real PostgreSQL, with the apps' own table shapes, in a schema of this test's own. */
@ExtendWith(LocalAwsExtension.class)
class CommandOutcomesIT {
    /** A command and what deciding it yields. */
    record Command(String key, int events) {}

    record Event(String key, int seq) {}

    private final EmulatedRegion region;
    private final String schema = "outcomes_it_" + System.nanoTime();
    private final List<String> decided = new ArrayList<>();
    private final CommandOutcomes<Event> outcomes = new CommandOutcomes<>(Event.class);
    private Connection connection;

    CommandOutcomesIT(LocalAws aws) {
        region = aws.region(LocalAwsConfig.PRIMARY_REGION);
    }

    @BeforeEach
    void createTables() throws SQLException {
        connection =
                DriverManager.getConnection(region.postgresJdbcUrl(), region.postgresUser(), region.postgresPassword());
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE SCHEMA " + schema);
            ddl.execute("SET search_path TO " + schema);
            ddl.execute("CREATE TABLE match_event (input_key text NOT NULL, seq integer NOT NULL,"
                    + " payload text NOT NULL, PRIMARY KEY (input_key, seq))");
            ddl.execute("CREATE TABLE applied_input (input_key text PRIMARY KEY,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
        }
        connection.setAutoCommit(false);
    }

    @AfterEach
    void dropTables() throws SQLException {
        connection.rollback();
        connection.setAutoCommit(true);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("DROP SCHEMA " + schema + " CASCADE");
        }
        connection.close();
    }

    private final CommandOutcomes.Decision<Command, Event> decide = command -> {
        decided.add(command.key());
        List<Event> events = new ArrayList<>();
        for (int seq = 0; seq < command.events(); seq++) events.add(new Event(command.key(), seq));
        return events;
    };

    private List<Event> applyAll(Command... commands) throws SQLException {
        List<Event> events = outcomes.applyAll(connection, List.of(commands), Command::key, decide);
        connection.commit();
        return events;
    }

    @Test
    void freshCommandsAreDecidedOnceInOrderAndRecorded() throws SQLException {
        List<Event> events = applyAll(new Command("a", 2), new Command("b", 1), new Command("c", 0));

        assertThat(events).containsExactly(new Event("a", 0), new Event("a", 1), new Event("b", 0));
        assertThat(decided).containsExactly("a", "b", "c");
        assertThat(keys("SELECT input_key || '/' || seq FROM match_event ORDER BY 1"))
                .containsExactly("a/0", "a/1", "b/0");
        assertThat(keys("SELECT input_key FROM applied_input ORDER BY 1"))
                .as("applied, with or without events")
                .containsExactly("a", "b", "c");
    }

    @Test
    void aReplayedCommandGetsItsFirstEventsBackAndIsNotDecidedAgain() throws SQLException {
        applyAll(new Command("a", 2), new Command("b", 1));
        decided.clear();

        // Deciding "a" again would now yield three events: the replay must return the two recorded ones.
        List<Event> events = applyAll(new Command("a", 3), new Command("d", 1), new Command("b", 5));

        assertThat(events).containsExactly(new Event("a", 0), new Event("a", 1), new Event("d", 0), new Event("b", 0));
        assertThat(decided).containsExactly("d");
        assertThat(keys("SELECT input_key || '/' || seq FROM match_event ORDER BY 1"))
                .containsExactly("a/0", "a/1", "b/0", "d/0");
    }

    @Test
    void aCommandDeliveredTwiceInOneBatchIsDecidedOnceAndAnsweredTwice() throws SQLException {
        List<Event> events =
                applyAll(new Command("a", 1), new Command("a", 1), new Command("e", 0), new Command("e", 0));

        assertThat(events).containsExactly(new Event("a", 0), new Event("a", 0));
        assertThat(decided).containsExactly("a", "e");
        assertThat(keys("SELECT input_key FROM applied_input ORDER BY 1")).containsExactly("a", "e");
    }

    @Test
    void nothingIsRecordedWhenTheTransactionRollsBack() throws SQLException {
        outcomes.applyAll(connection, List.of(new Command("a", 1)), Command::key, decide);
        connection.rollback();
        decided.clear();

        assertThat(applyAll(new Command("a", 1))).containsExactly(new Event("a", 0));
        assertThat(decided)
                .as("decided afresh, as the batch that first decided it never committed")
                .containsExactly("a");
    }

    private List<String> keys(String query) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(query)) {
            while (rows.next()) keys.add(rows.getString(1));
        }
        return keys;
    }
}
