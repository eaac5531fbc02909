package io.tradewind.platform.reconciliation;

import io.tradewind.platform.gateway.JournalEntry;
import io.tradewind.platform.idempotency.CommandOutcomes;
import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import io.tradewind.platform.sql.ArraySql;
import io.tradewind.platform.sql.ConnectionSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fates of an app's inputs from the tables every matching app keeps in its schema: {@code rejected_input}
 * (ingestion's REJECTED answers), {@code applied_input} (matching's proof it applied an input) and {@code match_event}
 * (the events matching produced for it, in order). Which messages a rejection or an event is sent as is the app's rule,
 * given as {@link MessageIds}. A rejection wins over an application, as ingestion never passes on what it rejected.
 *
 * @param <E> the app's matching event, stored as flow JSON in {@code match_event}
 */
public final class PostgresInputFates<E> implements InputFates {
    /** Keys per query: bounds the array bound to one statement, whatever the window holds. */
    private static final int CHUNK = 1_000;

    /** The app's rules for the ids of the messages its decisions are sent as. */
    public interface MessageIds<E> {
        /** The REJECTED report answering {@code input}, or none when nobody is answered for it. */
        List<String> ofRejection(JournalEntry input);

        /** The messages egress sends for one stored event. */
        List<String> ofEvent(E event);
    }

    private final ConnectionSource postgres;
    private final String schema;
    private final Class<E> eventType;
    private final MessageIds<E> ids;

    /** @param schema the app's PostgreSQL schema, e.g. {@code trade_matching} */
    public PostgresInputFates(ConnectionSource postgres, String schema, Class<E> eventType, MessageIds<E> ids) {
        this.postgres = postgres;
        this.schema = schema;
        this.eventType = eventType;
        this.ids = ids;
    }

    @Override
    public Map<String, InputFate> fatesOf(Collection<JournalEntry> inputs) {
        List<String> keys =
                inputs.stream().map(JournalEntry::journalKey).distinct().toList();
        Set<String> rejected = new HashSet<>();
        Set<String> applied = new HashSet<>();
        Map<String, List<String>> payloads = new HashMap<>();
        try (Connection connection = postgres.open()) {
            ArraySql sql = new ArraySql(connection);
            for (List<String> chunk : chunks(keys)) {
                sql.query(keysIn("rejected_input"), chunk, row -> rejected.add(row.getString(1)));
                sql.query(keysIn("applied_input"), chunk, row -> applied.add(row.getString(1)));
            }
            for (List<String> chunk : chunks(
                    applied.stream().filter(key -> !rejected.contains(key)).toList()))
                payloads.putAll(CommandOutcomes.recordedPayloads(connection, schema + ".match_event", chunk));
        } catch (SQLException e) {
            throw new DependencyUnavailableException(
                    "postgres", "fates of inputs in " + schema + ": " + e.getMessage(), e);
        }
        Map<String, InputFate> fates = new HashMap<>();
        for (JournalEntry input : inputs) {
            String key = input.journalKey();
            if (rejected.contains(key)) fates.put(key, InputFate.rejected(ids.ofRejection(input)));
            else if (applied.contains(key)) fates.put(key, InputFate.applied(implied(payloads.get(key))));
            else fates.put(key, InputFate.UNDECIDED);
        }
        return fates;
    }

    private List<String> implied(List<String> payloads) {
        List<String> implied = new ArrayList<>();
        if (payloads == null) return implied; // applied without events: a confirmation of an allocation not the last
        for (String payload : payloads)
            implied.addAll(ids.ofEvent(FlowJson.decode(payload.getBytes(StandardCharsets.UTF_8), eventType)));
        return implied;
    }

    private String keysIn(String table) {
        return "SELECT input_key FROM " + schema + "." + table + " WHERE input_key = ANY (?)";
    }

    private static List<List<String>> chunks(List<String> keys) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += CHUNK) chunks.add(keys.subList(i, Math.min(keys.size(), i + CHUNK)));
        return chunks;
    }
}
