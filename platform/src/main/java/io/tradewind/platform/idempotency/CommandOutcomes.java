package io.tradewind.platform.idempotency;

import io.tradewind.platform.pipeline.FlowJson;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Makes a matching stage's commands idempotent. What each command produced is kept in the app's {@code match_event}
 * table, in order, and its key in {@code applied_input} (reconciliation's proof that it was applied), inside the
 * stage's own transaction. A command delivered again (a Kinesis redelivery, a replay) gets its first events back
 * instead of being decided again.
 *
 * <p>A batch costs three round trips whatever its size: one read of the outcomes its keys already have, before any
 * command runs, and one write to each table after the last. Deciding a command reads and writes the book, never these
 * two tables, so writing them at the end of the same transaction is the same as writing them after each command.
 *
 * @param <E> the app's event type, stored as flow JSON
 */
public final class CommandOutcomes<E> {
    private final Class<E> eventType;

    public CommandOutcomes(Class<E> eventType) {
        this.eventType = eventType;
    }

    /**
     * Decides each command not applied before, in order, and returns every command's events, in order: recorded ones
     * for commands applied before (in an earlier batch, or earlier in this one), fresh ones for the rest.
     *
     * @param connection the connection of the caller's open transaction
     */
    public <C> List<E> applyAll(
            Connection connection, List<C> commands, Function<C, String> inputKeyOf, Decision<C, E> decide)
            throws SQLException {
        Set<String> keys = new LinkedHashSet<>();
        for (C command : commands) keys.add(inputKeyOf.apply(command));
        Map<String, List<E>> outcomes = recorded(connection, keys);
        Map<String, List<E>> fresh = new LinkedHashMap<>();
        List<E> events = new ArrayList<>();
        for (C command : commands) {
            String key = inputKeyOf.apply(command);
            List<E> outcome = outcomes.get(key);
            if (outcome == null) {
                outcome = List.copyOf(decide.decide(command));
                outcomes.put(key, outcome);
                fresh.put(key, outcome);
            }
            events.addAll(outcome);
        }
        record(connection, fresh);
        return events;
    }

    /**
     * {@link #applyAll} for a stage that decides in domain events {@code D} and keeps them as flow records {@code E}:
     * each fresh event is turned into its record once (to be kept) and comes back as decided; only the events recorded
     * for a command applied before are turned back from their records.
     */
    public <C, D> List<D> applyAll(
            Connection connection,
            List<C> commands,
            Function<C, String> inputKeyOf,
            Decision<C, D> decide,
            Function<D, E> toRecord,
            Function<E, D> fromRecord)
            throws SQLException {
        Map<E, D> decided = new IdentityHashMap<>();
        List<E> records = applyAll(connection, commands, inputKeyOf, command -> {
            List<D> events = decide.decide(command);
            List<E> kept = new ArrayList<>(events.size());
            for (D event : events) {
                E record = toRecord.apply(event);
                decided.put(record, event);
                kept.add(record);
            }
            return kept;
        });
        List<D> events = new ArrayList<>(records.size());
        for (E record : records) {
            D fresh = decided.get(record);
            events.add(fresh != null ? fresh : fromRecord.apply(record));
        }
        return events;
    }

    /** Decides one command in the caller's transaction; it may read and write the book through the same connection. */
    @FunctionalInterface
    public interface Decision<C, E> {
        List<E> decide(C command) throws SQLException;
    }

    /**
     * The events recorded for these keys. A command that produced none has no rows here and is decided again, which
     * finds nothing left to do: the book's state already says it was applied.
     */
    private Map<String, List<E>> recorded(Connection connection, Set<String> keys) throws SQLException {
        Map<String, List<E>> outcomes = new HashMap<>();
        recordedPayloads(connection, "match_event", keys)
                .forEach((key, payloads) -> outcomes.put(
                        key,
                        new ArrayList<>(payloads.stream()
                                .map(payload -> FlowJson.decode(payload.getBytes(StandardCharsets.UTF_8), eventType))
                                .toList())));
        return outcomes;
    }

    /**
     * The payloads recorded in {@code eventTable} ({@code match_event}, schema-qualified by a reader outside the app)
     * for these keys, each key's in order, undecoded: for readers that only look, as reconciliation does.
     */
    public static Map<String, List<String>> recordedPayloads(
            Connection connection, String eventTable, Collection<String> keys) throws SQLException {
        Map<String, List<String>> payloads = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT input_key, payload FROM " + eventTable
                + " WHERE input_key = ANY (?) ORDER BY input_key, seq")) {
            select.setArray(1, connection.createArrayOf("text", keys.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next())
                    payloads.computeIfAbsent(rows.getString(1), key -> new ArrayList<>())
                            .add(rows.getString(2));
            }
        }
        return payloads;
    }

    private void record(Connection connection, Map<String, List<E>> fresh) throws SQLException {
        if (fresh.isEmpty()) return;
        List<String> eventKeys = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        for (Map.Entry<String, List<E>> outcome : fresh.entrySet())
            for (int seq = 0; seq < outcome.getValue().size(); seq++) {
                eventKeys.add(outcome.getKey());
                seqs.add(seq);
                payloads.add(new String(FlowJson.encode(outcome.getValue().get(seq)), StandardCharsets.UTF_8));
            }
        if (!eventKeys.isEmpty())
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO match_event (input_key, seq, payload)"
                            + " SELECT * FROM unnest(?::text[], ?::integer[], ?::text[])")) {
                insert.setArray(1, connection.createArrayOf("text", eventKeys.toArray()));
                insert.setArray(2, connection.createArrayOf("integer", seqs.toArray()));
                insert.setArray(3, connection.createArrayOf("text", payloads.toArray()));
                insert.executeUpdate();
            }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO applied_input (input_key) SELECT unnest(?::text[]) ON CONFLICT DO NOTHING")) {
            insert.setArray(1, connection.createArrayOf("text", fresh.keySet().toArray()));
            insert.executeUpdate();
        }
    }
}
