package io.tradewind.opsconsole.quarantine;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of an app's quarantine as its table holds it, without the payload (listings read only its size).
 *
 * @param source the queue ({@code inbound-gateway}) or stream the input was taken from
 * @param partitionKey the stream partition key the input travelled under; null for a message taken from a queue
 * @param payloadSize the size of the raw bytes kept, in bytes
 * @param replayedAt when an operator last replayed it; null when nobody has
 */
public record QuarantineEntry(
        String quarantineId,
        String app,
        String stage,
        String source,
        String partitionKey,
        String reason,
        String detail,
        int payloadSize,
        Instant quarantinedAt,
        Instant replayedAt,
        int replayCount) {

    public QuarantineEntry {
        if (quarantineId == null) throw new IllegalArgumentException("quarantineId is null");
        if (app == null || app.isBlank()) throw new IllegalArgumentException("app is blank");
        if (quarantinedAt == null) throw new IllegalArgumentException("quarantinedAt is null");
        if (payloadSize < 0) throw new IllegalArgumentException("payloadSize is negative: " + payloadSize);
        if (replayCount < 0) throw new IllegalArgumentException("replayCount is negative: " + replayCount);
    }

    public Optional<Instant> lastReplayedAt() {
        return Optional.ofNullable(replayedAt);
    }
}
