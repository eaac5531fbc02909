package io.tradewind.platform.stream;

import java.nio.charset.StandardCharsets;

/**
 * A record a stage puts on the next stream. The partition key is the caller's choice: records that must be processed
 * in order by one worker (both sides of a trade) share it.
 */
public record OutboundRecord(String partitionKey, byte[] data) {
    /** Kinesis' limit for one record: data plus partition key. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    public OutboundRecord {
        if (partitionKey == null || partitionKey.isEmpty() || partitionKey.length() > 256)
            throw new IllegalArgumentException("partitionKey must be 1 to 256 characters: " + partitionKey);
        if (data == null) throw new IllegalArgumentException("data is null");
        if (data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length > MAX_RECORD_BYTES)
            throw new IllegalArgumentException("record of " + data.length + " bytes exceeds Kinesis' 1 MiB limit");
    }

    public static OutboundRecord ofUtf8(String partitionKey, String data) {
        return new OutboundRecord(partitionKey, data.getBytes(StandardCharsets.UTF_8));
    }

    /** What the record counts towards PutRecords' 5 MiB request limit. */
    int sizeBytes() {
        return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }
}
