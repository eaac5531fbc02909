package io.tradewind.platform.stream;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
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

    /** The open shard a record with this partition key goes to, or empty if no open shard owns its hash key. */
    public Optional<OpenShard> shardOf(String partitionKey) {
        BigInteger hashKey = hashKeyOf(partitionKey);
        for (OpenShard shard : shards) if (shard.owns(hashKey)) return Optional.of(shard);
        return Optional.empty();
    }

    /** Every shard of the stream, open and closed, as ListShards pages through them. */
    public static List<Shard> listShards(KinesisClient kinesis, String streamName) {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = kinesis.listShards(b -> b.streamName(streamName));
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = kinesis.listShards(b -> b.nextToken(token));
            shards.addAll(page.shards());
        }
        return shards;
    }

    /** Kinesis' hash key of a partition key. */
    public static BigInteger hashKeyOf(String partitionKey) {
        return new BigInteger(1, md5(partitionKey.getBytes(StandardCharsets.UTF_8)));
    }

    /** MD5, which both Kinesis' routing and the aggregate format's checksum use. */
    static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }
}
