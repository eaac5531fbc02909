package io.tradewind.model.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/**
 * Who sent a message and its id: the key under which an inbound gateway journals the raw message before anything is
 * validated. A body that does not name both is still journaled (under the broker's message id) so nothing is lost; the
 * ingestion stage then rejects it with reasons.
 */
public record Envelope(String senderId, String messageId) {
    /** The journal key prefix of a body that names no sender: {@code unidentified|<broker message id>}. */
    public static final String UNIDENTIFIED_SENDER = "unidentified";

    public Envelope {
        if (senderId == null || senderId.isBlank()) throw new IllegalArgumentException("senderId is blank");
        if (messageId == null || messageId.isBlank()) throw new IllegalArgumentException("messageId is blank");
    }

    /** The journal key: sender and message id, which together are unique per the wire contract. */
    public String journalKey() {
        return senderId + "|" + messageId;
    }

    /**
     * The envelope a journal key was made from, if it was made from one; keys of bodies that named no sender (the
     * gateway keys those by the broker's id) give nothing.
     */
    public static Optional<Envelope> fromJournalKey(String journalKey) {
        if (journalKey == null) return Optional.empty();
        int bar = journalKey.indexOf('|');
        if (bar <= 0 || bar == journalKey.length() - 1) return Optional.empty();
        String sender = journalKey.substring(0, bar);
        if (sender.equals(UNIDENTIFIED_SENDER)) return Optional.empty();
        return Optional.of(new Envelope(sender, journalKey.substring(bar + 1)));
    }

    /**
     * Reads {@code senderId} and {@code messageId} from a JSON body, ignoring everything else; empty when the body is
     * not a JSON object or either field is missing, blank or not a string.
     */
    public static Optional<Envelope> peek(String body) {
        if (body == null) return Optional.empty();
        try {
            JsonNode node = WireJson.mapper().readTree(body);
            if (node == null || !node.isObject()) return Optional.empty();
            JsonNode sender = node.get("senderId");
            JsonNode id = node.get("messageId");
            if (sender == null || id == null || !sender.isTextual() || !id.isTextual()) return Optional.empty();
            if (sender.asText().isBlank() || id.asText().isBlank()) return Optional.empty();
            return Optional.of(new Envelope(sender.asText(), id.asText()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
