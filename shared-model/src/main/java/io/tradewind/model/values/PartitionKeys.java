package io.tradewind.model.values;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Partition keys from business fields, within Kinesis' limit whatever a counterparty made the fields. */
public final class PartitionKeys {
    /** Kinesis' limit for a partition key, in characters. */
    public static final int MAX_LENGTH = 256;

    private PartitionKeys() {}

    /**
     * The fields joined by {@code |}; over {@link #MAX_LENGTH}, a digest of them instead: the same fields always give
     * the same key, so what must meet on one shard still does.
     */
    public static String of(String... fields) {
        String joined = String.join("|", fields);
        if (joined.length() <= MAX_LENGTH) return joined;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return "H|" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
