package io.tradewind.platform.quarantine;

import io.tradewind.model.wire.WireLimits;
import java.time.Instant;

/**
 * One input taken out of the flow: where it was ({@code stage}, and the queue or stream it came from), its raw bytes,
 * and why. Quarantining the same input twice (a redelivery, a replayed shard) keeps the first.
 *
 * @param quarantineId unique per input: the stage with the journal key or the stream position
 * @param partitionKey the stream partition key the input travelled under, for a replay onto the same stream; null
 *     for a message taken from a queue
 * @param reason a code such as {@code UNDECODABLE} or {@code REFUSED_BY_POSTGRES}
 * @param detail what the store or decoder said, for the operator
 */
public record QuarantinedInput(
        String quarantineId,
        String stage,
        String source,
        String partitionKey,
        String reason,
        String detail,
        byte[] payload,
        Instant quarantinedAt) {

    /** The longest detail kept: a store's message can quote the whole input back. */
    public static final int MAX_DETAIL_CHARS = 2_000;

    public QuarantinedInput {
        if (quarantineId == null || quarantineId.isBlank()) throw new IllegalArgumentException("quarantineId is blank");
        if (stage == null || stage.isBlank()) throw new IllegalArgumentException("stage is blank");
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("reason is blank");
        if (payload == null) throw new IllegalArgumentException("payload is null");
        detail = printable(detail == null ? "" : detail, MAX_DETAIL_CHARS);
        quarantineId = printable(quarantineId, 1_000);
        source = source == null ? "" : printable(source, 200);
        partitionKey = partitionKey == null ? null : printable(partitionKey, 256);
    }

    /**
     * Text a database takes whatever the input held: control characters (NUL among them, which PostgreSQL refuses in
     * text) become U+FFFD, and it is cut to {@code maxChars}. The raw bytes are kept whole in {@link #payload}.
     */
    static String printable(String text, int maxChars) {
        return WireLimits.echo(text, maxChars - 1);
    }
}
