package io.tradewind.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.wire.WireJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What an app's ingestion decided for its inputs, kept so that a replay gets the same answer however its decoders have
 * changed since (a business-date window moves with the clock): the REJECTED answer recorded in the app's
 * {@code rejected_input} table, repeated without decoding again, and the row an input booked in the app's book, which a
 * replay that no longer decodes still gets. Both apps keep {@code rejected_input} in one shape: the input key, who was
 * answered, the message answered, the business id the body named, the reasons (JSON) and when.
 *
 * <p>Each read is one query for a whole batch, by primary key: the rejections of every input of a batch, and the rows
 * of those inputs a decoder rejects now, by the id their body names.
 */
public final class IngestionDecisions {
    private static final TypeReference<List<StatusReason>> REASONS = new TypeReference<>() {};

    /** The row an input booked in the book. */
    public record Booked(String id, String partitionKey, String messageId) {}

    /**
     * An input answered REJECTED.
     *
     * @param recipient who was answered, if the body or journal key named anyone
     * @param subject the business id the body named (a tradeRef, an instructionId), if it could be read
     */
    public record Rejected(
            String inputKey,
            String recipient,
            String messageId,
            String subject,
            List<StatusReason> reasons,
            Instant rejectedAt) {}

    private final String rejectedSql;
    private final String bookedSql;
    private final String recordSql;

    /**
     * @param bookTable the book, whose rows keep the {@code input_key} that booked them, their {@code message_id} and
     *     {@code pairing_key}
     * @param idColumn the book's primary key, which a body names
     * @param recipientColumn the column of {@code rejected_input} naming who was answered
     * @param subjectColumn the column of {@code rejected_input} with the business id the body named
     */
    public IngestionDecisions(String bookTable, String idColumn, String recipientColumn, String subjectColumn) {
        this.rejectedSql = "SELECT input_key, " + recipientColumn + ", message_id, " + subjectColumn
                + ", reasons, rejected_at FROM rejected_input WHERE input_key = ANY (?)";
        this.bookedSql = "SELECT " + idColumn + ", input_key, pairing_key, message_id FROM " + bookTable + " WHERE "
                + idColumn + " = ANY (?)";
        this.recordSql = "INSERT INTO rejected_input (input_key, " + recipientColumn + ", message_id, " + subjectColumn
                + ", reasons, rejected_at) VALUES (?,?,?,?,?,?) ON CONFLICT (input_key) DO NOTHING";
    }

    /** The rejections recorded for these inputs, by input key, as the app's own type. */
    public <R> Map<String, R> rejectedBefore(
            Connection connection, Collection<String> inputKeys, Function<Rejected, R> asRejected) throws SQLException {
        Map<String, R> rejected = new HashMap<>();
        if (inputKeys.isEmpty()) return rejected;
        try (PreparedStatement select = connection.prepareStatement(rejectedSql)) {
            select.setArray(1, connection.createArrayOf("text", inputKeys.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next())
                    rejected.put(
                            rows.getString(1),
                            asRejected.apply(new Rejected(
                                    rows.getString(1),
                                    rows.getString(2),
                                    rows.getString(3),
                                    rows.getString(4),
                                    reasonsOf(rows.getString(5)),
                                    rows.getTimestamp(6).toInstant())));
            }
        }
        return rejected;
    }

    /**
     * The rows these inputs booked, by input key, as the app's own type: {@code idByInputKey} gives the id each input's
     * body names, and a row counts only if that very input booked it (another input with the same id is a duplicate).
     */
    public <B> Map<String, B> bookedBefore(
            Connection connection, Map<String, String> idByInputKey, Function<Booked, B> asBooked) throws SQLException {
        Map<String, B> booked = new HashMap<>();
        if (idByInputKey.isEmpty()) return booked;
        try (PreparedStatement select = connection.prepareStatement(bookedSql)) {
            select.setArray(
                    1,
                    connection.createArrayOf(
                            "text", idByInputKey.values().stream().distinct().toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String inputKey = rows.getString(2);
                    if (rows.getString(1).equals(idByInputKey.get(inputKey)))
                        booked.put(
                                inputKey,
                                asBooked.apply(new Booked(rows.getString(1), rows.getString(3), rows.getString(4))));
                }
            }
        }
        return booked;
    }

    /** Records these rejections; an input rejected before keeps its first rejection. */
    public <R> void record(Connection connection, List<R> rejections, Function<R, Rejected> asRejected)
            throws SQLException {
        if (rejections.isEmpty()) return;
        try (PreparedStatement insert = connection.prepareStatement(recordSql)) {
            for (R each : rejections) {
                Rejected rejection = asRejected.apply(each);
                insert.setString(1, rejection.inputKey());
                insert.setString(2, rejection.recipient());
                insert.setString(3, rejection.messageId());
                insert.setString(4, rejection.subject());
                insert.setString(5, json(rejection.reasons()));
                insert.setTimestamp(6, Timestamp.from(rejection.rejectedAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String json(List<StatusReason> reasons) {
        try {
            return WireJson.mapper().writeValueAsString(reasons);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode rejection reasons " + reasons, e);
        }
    }

    private static List<StatusReason> reasonsOf(String json) {
        try {
            return WireJson.mapper().readValue(json, REASONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recorded rejection's reasons are not JSON: " + json, e);
        }
    }
}
