package io.tradewind.platform.stream;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A record as a stage's decoder receives it from a stream: its bytes and where it sat on its shard.
 *
 * @param subSequenceNumber its place inside the Kinesis record that carried it packed with others (a KPL aggregate);
 *     0 for a record that came alone
 * @param arrivedAt when Kinesis accepted the record (approximate arrival timestamp)
 */
public record StreamRecord(
        String shardId,
        String sequenceNumber,
        long subSequenceNumber,
        String partitionKey,
        Instant arrivedAt,
        byte[] data) {

    public StreamRecord(String shardId, String sequenceNumber, String partitionKey, Instant arrivedAt, byte[] data) {
        this(shardId, sequenceNumber, 0, partitionKey, arrivedAt, data);
    }

    /** Where the record sat on its shard, unique on it: the sequence number, and the sub-sequence of a packed one. */
    public String position() {
        return subSequenceNumber == 0 ? sequenceNumber : sequenceNumber + "/" + subSequenceNumber;
    }

    public String dataAsUtf8() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
