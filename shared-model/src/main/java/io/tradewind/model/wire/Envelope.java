package io.tradewind.model.wire;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;

/**
 * Who sent a message and its id: the key under which an inbound gateway journals the raw message before anything is
 * validated. A body that does not name both within the wire limits is still journaled (under the broker's message id)
 * so nothing is lost; the ingestion stage then rejects it with reasons.
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
     * not a well-formed JSON object, or either field is missing, not a string, or not an id within the wire limits
     * (senderId: at most {@link WireLimits#MAX_PARTICIPANT_ID_LENGTH} characters, messageId: at most
     * {@link WireLimits#MAX_ID_LENGTH}, both only {@link WireLimits#ID_CHARACTERS}). A gateway journals a body without
     * an envelope under the broker's message id, so a hostile id (3 KB long, holding NUL) never becomes a journal key.
     * The body is streamed, not built into a tree.
     */
    public static Optional<Envelope> peek(String body) {
        Peeked peeked = Peeked.of(body);
        if (!isSenderId(peeked.senderId()) || !WireLimits.isValidId(peeked.messageId(), WireLimits.MAX_ID_LENGTH)) {
            return Optional.empty();
        }
        return Optional.of(new Envelope(peeked.senderId(), peeked.messageId()));
    }

    /**
     * The body's {@code senderId} when it is a valid participant id, whatever its messageId: who to address the
     * REJECTED answer to when {@link #peek} finds no envelope. Empty when the body is not a well-formed JSON object or
     * its senderId is missing or outside the limits.
     */
    public static Optional<String> peekSender(String body) {
        String senderId = Peeked.of(body).senderId();
        return isSenderId(senderId) ? Optional.of(senderId) : Optional.empty();
    }

    private static boolean isSenderId(String value) {
        return WireLimits.isValidId(value, WireLimits.MAX_PARTICIPANT_ID_LENGTH);
    }

    /** The top-level senderId and messageId strings of a well-formed JSON object, each null when absent or not text. */
    private record Peeked(String senderId, String messageId) {
        static final Peeked NOTHING = new Peeked(null, null);

        static Peeked of(String body) {
            if (body == null) return NOTHING;
            try (JsonParser parser = WireJson.mapper().createParser(body)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) return NOTHING;
                String senderId = null;
                String messageId = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (value == JsonToken.VALUE_STRING && name.equals("senderId")) {
                        senderId = parser.getText();
                    } else if (value == JsonToken.VALUE_STRING && name.equals("messageId")) {
                        messageId = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
                // The object must close and nothing may follow it, as for the decoders.
                if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) return NOTHING;
                return new Peeked(senderId, messageId);
            } catch (IOException | RuntimeException unreadable) {
                return NOTHING;
            }
        }
    }
}
