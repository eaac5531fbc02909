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
 * What an app's ingestion decided for its inputs, kept so that a replay gets the same answer without being decoded
 * again (a decoder may decide differently today): the row an input booked in the app's book, found by its journal key,
 * or the REJECTED answer recorded in its {@code rejected_input} table. Both apps keep that table in one shape: the
 * input key, who was answered, the message answered, the business id the body named, the reasons (JSON) and when.
 * Reading what a batch's inputs got costs one query, whatever the batch's size.
 */
public final class IngestionDecisions {
    private static final TypeReference<List<StatusReason>> REASONS = new TypeReference<>() {};

    /** An input that booked a row of the book. */
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

    private final String readSql;
    private final String recordSql;

    /**
     * @param bookTable the table where each booked input has a row, with its {@code input_key}, {@code message_id} and
     *     {@code pairing_key}
     * @param idColumn that row's id
     * @param recipientColumn the column of {@code rejected_input} naming who was answered
     * @param subjectColumn the column of {@code rejected_input} with the business id the body named
     */
    public IngestionDecisions(String bookTable, String idColumn, String recipientColumn, String subjectColumn) {
        this.readSql = "WITH k AS (SELECT DISTINCT unnest(?::text[]) AS input_key)"
                + " SELECT true, b.input_key, b." + idColumn + ", b.pairing_key, b.message_id, NULL, NULL, NULL,"
                + " NULL::timestamptz FROM " + bookTable + " b JOIN k USING (input_key)"
                + " UNION ALL SELECT false, r.input_key, NULL, NULL, r.message_id, r." + recipientColumn + ", r."
                + subjectColumn + ", r.reasons, r.rejected_at FROM rejected_input r JOIN k USING (input_key)";
        this.recordSql = "INSERT INTO rejected_input (input_key, " + recipientColumn + ", message_id, " + subjectColumn
                + ", reasons, rejected_at) VALUES (?,?,?,?,?,?) ON CONFLICT (input_key) DO NOTHING";
    }

    /**
     * What was decided for each of these inputs, by input key, as the app's own types: an input that booked a row
     * counts as booked even if a rejection was recorded under its key too; inputs never decided are absent.
     */
    public <D> Map<String, D> decidedBefore(
            Connection connection,
            Collection<String> inputKeys,
            Function<Booked, D> asBooked,
            Function<Rejected, D> asRejected)
            throws SQLException {
        Map<String, D> decided = new HashMap<>();
        if (inputKeys.isEmpty()) return decided;
        try (PreparedStatement select = connection.prepareStatement(readSql)) {
            select.setArray(1, connection.createArrayOf("text", inputKeys.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String inputKey = rows.getString(2);
                    if (rows.getBoolean(1))
                        decided.put(
                                inputKey,
                                asBooked.apply(new Booked(rows.getString(3), rows.getString(4), rows.getString(5))));
                    else
                        decided.putIfAbsent(
                                inputKey,
                                asRejected.apply(new Rejected(
                                        inputKey,
                                        rows.getString(6),
                                        rows.getString(5),
                                        rows.getString(7),
                                        reasonsOf(rows.getString(8)),
                                        rows.getTimestamp(9).toInstant())));
                }
            }
        }
        return decided;
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
