package io.tradewind.platform.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 *     it (a body over the contract's size is not read, and travels empty)
 * @param source the queue the gateway took the message from, when an app has more than one inbound queue
 * @param verdict null, or what the gateway decided before any stage read the body, which ingestion answers as REJECTED
 *     with this code without decoding: {@code DUPLICATE_ID_CONFLICT} (the sender reused a message id for other
 *     content), {@code NOT_UTF8} (the body's bytes are not UTF-8), {@code FORBIDDEN_CHARACTER} (raw control characters
 *     in the body), {@code QUARANTINED} (a store refused it; it is in the quarantine). The body is then a short echo.
 * @param verdictDetail what the sender is told about the verdict
 */
public record InboundRecord(
        String journalKey,
        String brokerMessageId,
        Instant receivedAt,
        String body,
        int originalBytes,
        String source,
        String verdict,
        String verdictDetail) {

    /** The most characters of a rejected body that travel with its verdict, to help the sender recognise it. */
    public static final int ECHO_CHARS = 512;

    public InboundRecord(
            String journalKey,
            String brokerMessageId,
            Instant receivedAt,
            String body,
            int originalBytes,
            String source) {
        this(journalKey, brokerMessageId, receivedAt, body, originalBytes, source, null, null);
    }

    /** A record from the app's main inbound queue, which needs no {@code source} to be told apart. */
    public InboundRecord(
            String journalKey, String brokerMessageId, Instant receivedAt, String body, int originalBytes) {
        this(journalKey, brokerMessageId, receivedAt, body, originalBytes, null);
    }

    /** Whether the gateway took this record from {@code queue}; records without a source came from the main queue. */
    public boolean cameFrom(String queue) {
        return queue.equals(source);
    }

    /** The start of a hostile text, safe for any store and report (see {@link WireLimits#echo(String, int)}). */
    public static String echo(String text) {
        return WireLimits.echo(text, ECHO_CHARS);
    }

    public boolean hasVerdict() {
        return verdict != null;
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
