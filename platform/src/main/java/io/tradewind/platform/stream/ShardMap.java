package io.tradewind.platform.stream;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The open shards of a stream and the hash-key range each one owns, as Kinesis routes records: a record's hash key is
 * the MD5 of its partition key read as an unsigned 128-bit number, unless it names an explicit hash key.
 */
public final class ShardMap {

    /** One open shard: it receives every record whose hash key lies in {@code [startingHashKey, endingHashKey]}. */
    public record OpenShard(String shardId, BigInteger startingHashKey, BigInteger endingHashKey) {
        boolean owns(BigInteger hashKey) {
            return startingHashKey.compareTo(hashKey) <= 0 && hashKey.compareTo(endingHashKey) <= 0;
        }
    }

    private final List<OpenShard> shards;

    private ShardMap(List<OpenShard> shards) {
        this.shards = shards;
    }

    /** The map of the open shards among {@code shards} (a closed shard has an ending sequence number). */
    public static ShardMap of(List<Shard> shards) {
        List<OpenShard> open = new ArrayList<>();
        for (Shard shard : shards) {
            if (shard.sequenceNumberRange() != null
                    && shard.sequenceNumberRange().endingSequenceNumber() != null) continue;
            open.add(new OpenShard(
                    shard.shardId(),
                    new BigInteger(shard.hashKeyRange().startingHashKey()),
                    new BigInteger(shard.hashKeyRange().endingHashKey())));
        }
        open.sort(Comparator.comparing(OpenShard::startingHashKey));
        return new ShardMap(List.copyOf(open));
    }

    public List<OpenShard> shards() {
        return shards;
    }

    /** The open shard a record with this partition key goes to, or empty if no open shard owns its hash key. */
    public Optional<OpenShard> shardOf(String partitionKey) {
        BigInteger hashKey = hashKeyOf(partitionKey);
        for (OpenShard shard : shards) if (shard.owns(hashKey)) return Optional.of(shard);
        return Optional.empty();
    }

    /** Kinesis' hash key of a partition key. */
    public static BigInteger hashKeyOf(String partitionKey) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, md5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }
}
