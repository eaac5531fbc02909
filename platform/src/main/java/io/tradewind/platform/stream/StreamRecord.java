package io.tradewind.platform.stream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A record as a stage's decoder receives it from a stream: its bytes and where it sat on its shard.
 *
 * @param arrivedAt when Kinesis accepted the record (approximate arrival timestamp)
 */
public record StreamRecord(String shardId, String sequenceNumber, String partitionKey, Instant arrivedAt, byte[] data) {

    public String dataAsUtf8() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
