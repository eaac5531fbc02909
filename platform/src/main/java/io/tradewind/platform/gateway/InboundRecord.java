package io.tradewind.platform.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.wire.WireJson;
import io.tradewind.model.wire.WireLimits;
import io.tradewind.platform.resilience.UndecodableRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What an inbound gateway puts on the stream for each message it accepted: the raw body with the journal key it was
 * recorded under and when it arrived, so the first stage can answer even a body that names no sender.
 *
 * @param originalBytes the body's size as received; larger than the body's own size when the gateway had to truncate
 *     it (a body over the contract's size is not journaled, and travels empty)
 * @param source the queue the gateway took the message from, when an app has more than one inbound queue
 * @param verdict what the gateway already decided about the message, when it refused it before any stage could read
 *     it: {@link #DUPLICATE_ID_CONFLICT}, {@link #NOT_UTF8}, {@link #FORBIDDEN_CHARACTER} or {@link #QUARANTINED}; null
 *     for a message to decode; the body is then a short echo of what came. The
 *     first stage answers a record with a verdict REJECTED at once, with the verdict as the reason's code.
 * @param verdictDetail why, in words: the earlier delivery a conflicting id belongs to, what a store said
 * @param authenticatedSender the broker user who sent the message ({@code JMSXUserID}, stamped by the broker, which a
 *     sender cannot forge), or null when the broker named none: the first stage accepts the message only if this
 *     participant may send it, and answers this participant
 */
public record InboundRecord(
        String journalKey,
        String brokerMessageId,
        Instant receivedAt,
        String body,
        int originalBytes,
        String source,
        // Left out when null, so a record without a verdict is the same JSON as before verdicts existed.
        @JsonInclude(JsonInclude.Include.NON_NULL) String verdict,
        @JsonInclude(JsonInclude.Include.NON_NULL) String verdictDetail,
        @JsonInclude(JsonInclude.Include.NON_NULL) String authenticatedSender) {

    /** The sender reused a message id it had sent before, with a different body. */
    public static final String DUPLICATE_ID_CONFLICT = "DUPLICATE_ID_CONFLICT";
    /** The body's bytes were not UTF-8, as the wire contract requires. */
    public static final String NOT_UTF8 = "NOT_UTF8";
    /** The body is neither text nor bytes (a map, a stream, an object, or none): it holds no JSON text. */
    public static final String UNSUPPORTED_BODY = "UNSUPPORTED_BODY";
    /** The body holds a raw control character, which no JSON text does. */
    public static final String FORBIDDEN_CHARACTER = "FORBIDDEN_CHARACTER";
    /** A store refused the message; it is in the quarantine, and the body is a cut echo of it. */
    public static final String QUARANTINED = "QUARANTINED";

    /** The most characters of a rejected body that travel with its verdict, to help the sender recognise it. */
    public static final int ECHO_CHARS = 512;

    /** The start of a hostile text, safe for any store and report (see {@link WireLimits#echo(String, int)}). */
    public static String echo(String text) {
        return WireLimits.echo(text, ECHO_CHARS);
    }

    /** A record the gateway passed on without a verdict. */
    public InboundRecord(
            String journalKey,
            String brokerMessageId,
            Instant receivedAt,
            String body,
            int originalBytes,
            String source) {
        this(journalKey, brokerMessageId, receivedAt, body, originalBytes, source, null, null, null);
    }

    /** A record from the app's main inbound queue, which needs no {@code source} to be told apart. */
    public InboundRecord(
            String journalKey, String brokerMessageId, Instant receivedAt, String body, int originalBytes) {
        this(journalKey, brokerMessageId, receivedAt, body, originalBytes, null);
    }

    /** The same record with the gateway's verdict on it. */
    public InboundRecord withVerdict(String newVerdict, String newVerdictDetail) {
        return new InboundRecord(
                journalKey,
                brokerMessageId,
                receivedAt,
                body,
                originalBytes,
                source,
                newVerdict,
                newVerdictDetail,
                authenticatedSender);
    }

    /**
     * The record that answers this one once a store refused it and it was quarantined: its key and sender, a
     * printable echo of its body (nothing a store could refuse again), and the verdict {@link #QUARANTINED}.
     */
    public InboundRecord quarantined(String reason) {
        String echo = echo(body);
        return new InboundRecord(
                journalKey,
                brokerMessageId,
                receivedAt,
                echo,
                echo.getBytes(StandardCharsets.UTF_8).length,
                source,
                QUARANTINED,
                "held in the quarantine: " + reason,
                authenticatedSender);
    }

    /** The same record, sent by {@code user} as the broker authenticated it. */
    public InboundRecord sentBy(String user) {
        return new InboundRecord(
                journalKey, brokerMessageId, receivedAt, body, originalBytes, source, verdict, verdictDetail, user);
    }

    /** Whether the gateway refused the message already; the first stage then answers it REJECTED without decoding it. */
    public boolean hasVerdict() {
        return verdict != null;
    }

    /**
     * The reason a REJECTED answer gives for the gateway's verdict: its code is the verdict, {@code ours} the detail,
     * and the field at fault is the messageId for a conflicting id, the body otherwise.
     */
    public StatusReason verdictReason() {
        if (verdict == null) throw new IllegalStateException("inbound record " + journalKey + " has no verdict");
        return new StatusReason(
                DUPLICATE_ID_CONFLICT.equals(verdict) ? "messageId" : "body", verdict, verdictDetail, null);
    }

    /** Whether the gateway took this record from {@code queue}; records without a source came from the main queue. */
    public boolean cameFrom(String queue) {
        return queue.equals(source);
    }

    public boolean truncated() {
        return originalBytes > body.getBytes(StandardCharsets.UTF_8).length;
    }

    public byte[] encode() {
        try {
            return WireJson.mapper().writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode inbound record " + journalKey, e);
        }
    }

    /** Decodes what a gateway published; anything else on the stream is undecodable. */
    public static InboundRecord decode(byte[] data) {
        try {
            InboundRecord record = WireJson.mapper().readValue(data, InboundRecord.class);
            if (record.journalKey() == null || record.body() == null)
                throw new UndecodableRecordException("inbound record without journalKey or body");
            return record;
        } catch (java.io.IOException e) {
            throw new UndecodableRecordException("not an inbound record: " + e.getMessage(), e);
        }
    }
}
