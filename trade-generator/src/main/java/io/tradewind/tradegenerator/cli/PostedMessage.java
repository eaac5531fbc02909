package io.tradewind.tradegenerator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradewind.model.topology.App;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A message {@code post} sends, as its body names it: which app it is for (a settlement instruction names an {@code
 * instructionId}; anything else goes to trade matching), who sends it, and which status reports answer it (the wire
 * contract's correlation: the report's {@code inReplyTo} is the message's id, or the broker's for a body too broken to
 * name one; later reports name the sender and the tradeRef, or the party and the instructionId). A body that is not a
 * JSON object is still posted: the platform answers it REJECTED, naming what is wrong.
 */
final class PostedMessage {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A report with one of these statuses is the last this call waits for; UNMATCHED is final only without a counterpart. */
    private static final Set<String> DECIDED = Set.of("MATCHED", "MISMATCHED", "SETTLED", "CANCELLED", "REJECTED");

    static final String UNMATCHED = "UNMATCHED";
    static final String REJECTED = "REJECTED";

    private final String source;
    private final ObjectNode json;
    private final byte[] body;
    private final List<JsonNode> reports = new ArrayList<>();
    private String participant;
    private String brokerMessageId;

    private PostedMessage(String source, ObjectNode json, byte[] body) {
        this.source = source;
        this.json = json;
        this.body = body;
    }

    /** The message in {@code bytes}, read from {@code source} (a file's name, or {@code -}). */
    static PostedMessage read(String source, byte[] bytes) {
        ObjectNode json = null;
        try {
            if (JSON.readTree(bytes) instanceof ObjectNode object) json = object;
        } catch (IOException notJson) {
            // Sent as it is: the platform's answer names what is wrong with it.
        }
        return new PostedMessage(source, json, bytes);
    }

    /**
     * The same message made new for today: {@code suffix} appended to its {@code messageId} and its {@code tradeRef}
     * (an instruction's {@code instructionId}), its trade date moved to {@code today} and its other dates by as many
     * days, so that a sample posts as a new message that the business-date window accepts, however often and whenever it
     * is run. A body that is not a JSON object is left as it is.
     */
    PostedMessage fresh(String suffix, LocalDate today) {
        if (json == null) return this;
        ObjectNode copy = json.deepCopy();
        for (String id : List.of("messageId", "tradeRef", "instructionId"))
            if (copy.path(id).isTextual()) copy.put(id, copy.get(id).asText() + suffix);
        LocalDate tradeDate = date(copy, "tradeDate");
        if (tradeDate != null) {
            long days = ChronoUnit.DAYS.between(tradeDate, today);
            for (String field : List.of("tradeDate", "settlementDate", "intendedSettlementDate")) {
                LocalDate date = date(copy, field);
                if (date != null) copy.put(field, date.plusDays(days).toString());
            }
        }
        try {
            return new PostedMessage(source, copy, JSON.writeValueAsBytes(copy));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + source + " again", e);
        }
    }

    private static LocalDate date(ObjectNode json, String field) {
        try {
            return json.path(field).isTextual()
                    ? LocalDate.parse(json.get(field).asText())
                    : null;
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    String source() {
        return source;
    }

    byte[] body() {
        return body;
    }

    boolean instruction() {
        return json != null && (json.has("instructionId") || json.has("direction"));
    }

    App app() {
        return instruction() ? App.SETTLEMENT_MATCHING : App.TRADE_MATCHING;
    }

    /** The participant the body names as its sender: a trade's {@code senderId}, an instruction's {@code party}. */
    String namedSender() {
        return field(instruction() ? "party" : "senderId");
    }

    String messageId() {
        return field("messageId");
    }

    /** The trade's {@code tradeRef} or the instruction's {@code instructionId}. */
    String reference() {
        return field(instruction() ? "instructionId" : "tradeRef");
    }

    /** How the output names it: its reference, else its message id, else where it came from. */
    String name() {
        return reference() != null ? reference() : messageId() != null ? messageId() : source;
    }

    /** Records that {@code participant} posted it and the broker gave it {@code brokerMessageId}. */
    void posted(String participant, String brokerMessageId) {
        this.participant = participant;
        this.brokerMessageId = brokerMessageId;
    }

    String participant() {
        return participant;
    }

    /** Whether {@code report} (a status report from the participant's private queue) is about this message. */
    boolean answeredBy(JsonNode report) {
        String inReplyTo = text(report, "inReplyTo");
        if (inReplyTo != null && (inReplyTo.equals(messageId()) || inReplyTo.equals(brokerMessageId))) return true;
        String reference = reference();
        if (reference == null) return false;
        return instruction()
                ? reference.equals(text(report, "instructionId")) && participant.equals(text(report, "party"))
                : reference.equals(text(report, "tradeRef")) && participant.equals(text(report, "senderId"));
    }

    void answer(JsonNode report) {
        reports.add(report);
    }

    /** The status of the latest report, or null before the first. */
    String status() {
        return reports.isEmpty() ? null : text(reports.get(reports.size() - 1), "status");
    }

    /**
     * Whether it has its answer: a decided status, or UNMATCHED when nothing posted with it (and not rejected) is its
     * counterpart, so that posting both sides of a pair waits for the pair's status.
     */
    boolean answered(List<PostedMessage> all) {
        String status = status();
        if (status == null) return false;
        if (DECIDED.contains(status)) return true;
        return UNMATCHED.equals(status)
                && all.stream()
                        .noneMatch(other -> other != this && !REJECTED.equals(other.status()) && pairsWith(other));
    }

    /** Whether the two could pair, by the wire contract's pairing rule (trades) or settlement matching's (instructions). */
    boolean pairsWith(PostedMessage other) {
        if (json == null || other.json == null || instruction() != other.instruction()) return false;
        if (instruction())
            return differ(other, "direction")
                    && Objects.equals(field("party"), other.field("counterparty"))
                    && Objects.equals(field("counterparty"), other.field("party"))
                    && same(other, "security", "quantity", "tradeDate", "intendedSettlementDate", "currency");
        return "NEW".equals(field("messageType"))
                && "NEW".equals(other.field("messageType"))
                && differ(other, "senderRole")
                && same(other, "executingBroker", "investmentManager", "side", "security", "tradeDate", "quantity");
    }

    private boolean differ(PostedMessage other, String field) {
        return field(field) != null
                && other.field(field) != null
                && !field(field).equals(other.field(field));
    }

    private boolean same(PostedMessage other, String... fields) {
        for (String field : fields) if (!Objects.equals(json.get(field), other.json.get(field))) return false;
        return true;
    }

    private String field(String name) {
        return json == null ? null : text(json, name);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    /** A report in one readable line, its reasons indented below it. */
    static String describe(JsonNode report) {
        StringBuilder line = new StringBuilder();
        String reference = either(text(report, "tradeRef"), text(report, "instructionId"));
        String who = either(text(report, "senderId"), text(report, "party"));
        line.append(reference == null ? "(no reference)" : reference);
        if (who != null) line.append(" (").append(who).append(')');
        line.append(": ").append(text(report, "status"));
        String match = either(text(report, "matchId"), text(report, "settlementMatchId"));
        if (match != null) line.append(", match ").append(match);
        String counterpart = either(text(report, "counterpartyTradeRef"), text(report, "counterpartyInstructionId"));
        if (counterpart != null) line.append(", their ").append(counterpart);
        for (JsonNode reason : report.path("reasons")) {
            line.append(System.lineSeparator())
                    .append("    ")
                    .append(text(reason, "field"))
                    .append(' ')
                    .append(text(reason, "code"));
            String ours = text(reason, "ours");
            String theirs = text(reason, "theirs");
            if (ours != null) line.append(": ").append(ours);
            if (theirs != null)
                line.append(REJECTED.equals(text(report, "status")) ? " (limit: " : " (theirs: ")
                        .append(theirs)
                        .append(')');
        }
        return line.toString();
    }

    /** A trade report's field, else the settlement report's of the same meaning; null when neither is there. */
    private static String either(String trade, String settlement) {
        return trade != null ? trade : settlement;
    }

    /** The report's body as JSON, or null when it is not (nothing this queue's writer sends). */
    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException notJson) {
            return null;
        }
    }
}
