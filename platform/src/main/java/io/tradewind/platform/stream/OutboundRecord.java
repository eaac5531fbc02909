package io.tradewind.platform.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A record a stage puts on the next stream. The partition key is the caller's choice: records that must be processed
 * in order by one worker (both sides of a trade) share it.
 */
public record OutboundRecord(String partitionKey, byte[] data) {
    /** Kinesis' limit for one record: data plus partition key. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    /** Kinesis' limit for a partition key, in characters. */
    public static final int MAX_PARTITION_KEY_LENGTH = 256;

    /**
     * A partition key over Kinesis' limit (an id a counterparty made too long) is replaced by a digest of it: the same
     * key always maps to the same digest, so ordering per key holds and a bad input never blocks its shard.
     */
    public OutboundRecord {
        if (partitionKey == null || partitionKey.isEmpty()) throw new IllegalArgumentException("partitionKey is empty");
        if (partitionKey.length() > MAX_PARTITION_KEY_LENGTH) partitionKey = digest(partitionKey);
        if (data == null) throw new IllegalArgumentException("data is null");
        if (data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length > MAX_RECORD_BYTES)
            throw new IllegalArgumentException("record of " + data.length + " bytes exceeds Kinesis' 1 MiB limit");
    }

    private static String digest(String key) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "H|" + HexFormat.of().formatHex(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    public static OutboundRecord ofUtf8(String partitionKey, String data) {
        return new OutboundRecord(partitionKey, data.getBytes(StandardCharsets.UTF_8));
    }

    /** What the record counts towards PutRecords' 5 MiB request limit. */
    int sizeBytes() {
        return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }
}
