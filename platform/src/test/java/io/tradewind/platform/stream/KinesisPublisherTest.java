package io.tradewind.platform.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

class KinesisPublisherTest {

    /** A Kinesis that records every request and answers each entry as {@code answer} says. */
    private static final class ScriptedKinesis implements KinesisClient {
        final List<List<String>> requests = new ArrayList<>();
        final List<PutRecordsRequestEntry> entries = new ArrayList<>();
        final Function<String, Boolean> accepts;
        /** The stream's shards, as ListShards answers them; the shard of an accepted entry is the one owning it. */
        List<Shard> shards = List.of(shard("shardId-0", BigInteger.ZERO, MAX_HASH_KEY));
        /** How many more accepted entries to answer as put on a shard other than the one owning them. */
        int misroute;

        int listShardsCalls;

        ScriptedKinesis(Function<String, Boolean> accepts) {
            this.accepts = accepts;
        }

        @Override
        public PutRecordsResponse putRecords(PutRecordsRequest request) {
            List<String> keys = request.records().stream()
                    .map(PutRecordsRequestEntry::partitionKey)
                    .toList();
            requests.add(keys);
            List<PutRecordsResultEntry> results = request.records().stream()
                    .map(entry -> accepts.apply(entry.partitionKey())
                            ? accepted(entry)
                            : PutRecordsResultEntry.builder()
                                    .errorCode("ProvisionedThroughputExceededException")
                                    .errorMessage("slow down")
                                    .build())
                    .toList();
            int failed =
                    (int) results.stream().filter(r -> r.errorCode() != null).count();
            return PutRecordsResponse.builder()
                    .records(results)
                    .failedRecordCount(failed)
                    .build();
        }

        private PutRecordsResultEntry accepted(PutRecordsRequestEntry entry) {
            entries.add(entry);
            String shardId = shardOwning(hashKeyOf(entry)).shardId();
            if (misroute > 0) {
                misroute--;
                shardId = "shardId-elsewhere";
            }
            return PutRecordsResultEntry.builder()
                    .sequenceNumber(String.valueOf(entries.size()))
                    .shardId(shardId)
                    .build();
        }

        Shard shardOwning(BigInteger hashKey) {
            return shards.stream()
                    .filter(shard -> shard.sequenceNumberRange().endingSequenceNumber() == null)
                    .filter(shard -> new BigInteger(shard.hashKeyRange().startingHashKey()).compareTo(hashKey) <= 0
                            && new BigInteger(shard.hashKeyRange().endingHashKey()).compareTo(hashKey) >= 0)
                    .findFirst()
                    .orElseThrow();
        }

        @Override
        public ListShardsResponse listShards(Consumer<ListShardsRequest.Builder> request) {
            listShardsCalls++;
            return ListShardsResponse.builder().shards(shards).build();
        }

        @Override
        public String serviceName() {
            return "kinesis";
        }

        @Override
        public void close() {}
    }

    private static List<OutboundRecord> records(int count, int bytesEach) {
        return IntStream.range(0, count)
                .mapToObj(i -> new OutboundRecord("k" + i, new byte[bytesEach]))
                .toList();
    }

    private static final BigInteger MAX_HASH_KEY = BigInteger.TWO.pow(128).subtract(BigInteger.ONE);

    /** Where Kinesis routes an entry: its explicit hash key, else its partition key's. */
    private static BigInteger hashKeyOf(PutRecordsRequestEntry entry) {
        return entry.explicitHashKey() != null
                ? new BigInteger(entry.explicitHashKey())
                : ShardMap.hashKeyOf(entry.partitionKey());
    }

    private static Shard shard(String shardId, BigInteger from, BigInteger to) {
        return shard(shardId, from, to, null);
    }

    /** @param endingSequenceNumber non-null for a closed shard */
    private static Shard shard(String shardId, BigInteger from, BigInteger to, String endingSequenceNumber) {
        return Shard.builder()
                .shardId(shardId)
                .hashKeyRange(HashKeyRange.builder()
                        .startingHashKey(from.toString())
                        .endingHashKey(to.toString())
                        .build())
                .sequenceNumberRange(SequenceNumberRange.builder()
                        .startingSequenceNumber("1")
                        .endingSequenceNumber(endingSequenceNumber)
                        .build())
                .build();
    }

    private static List<Shard> twoShards() {
        BigInteger half = BigInteger.TWO.pow(127);
        return List.of(
                shard("shardId-1", BigInteger.ZERO, half.subtract(BigInteger.ONE)),
                shard("shardId-2", half, MAX_HASH_KEY));
    }

    /** What KCL hands a processor of {@code shard} for the accepted entries that went there, unpacked. */
    private static List<KinesisClientRecord> readAsKcl(ScriptedKinesis kinesis, Shard shard) {
        List<KinesisClientRecord> landed = new ArrayList<>();
        for (PutRecordsRequestEntry entry : kinesis.entries) {
            if (!kinesis.shardOwning(hashKeyOf(entry)).shardId().equals(shard.shardId())) continue;
            landed.add(KinesisClientRecord.builder()
                    .sequenceNumber(String.valueOf(landed.size() + 1))
                    .partitionKey(entry.partitionKey())
                    .explicitHashKey(entry.explicitHashKey())
                    .data(entry.data().asByteBuffer())
                    .build());
        }
        return new AggregatorUtil()
                .deaggregate(
                        landed,
                        shard.hashKeyRange().startingHashKey(),
                        shard.hashKeyRange().endingHashKey());
    }

    private static KinesisPublisher publisher(ScriptedKinesis kinesis) {
        return new KinesisPublisher(kinesis, "s", DependencyGuard.forDependency("kinesis"), duration -> {}, 5);
    }

    @Test
    void splitsRequestsAtFiveHundredRecords() {
        ScriptedKinesis kinesis = new ScriptedKinesis(key -> true);
        publisher(kinesis).publishAll(records(1_201, 10));
        assertThat(kinesis.requests).extracting(List::size).containsExactly(500, 500, 201);
    }

    @Test
    void splitsRequestsAtFiveMebibytes() {
        // 600 KiB each: 8 fit in 5 MiB (4.69 MiB), the 9th would not.
        List<List<OutboundRecord>> chunks = KinesisPublisher.chunks(records(20, 600 * 1024), OutboundRecord::sizeBytes);
        assertThat(chunks).extracting(List::size).containsExactly(8, 8, 4);
        for (List<OutboundRecord> chunk : chunks)
            assertThat(chunk.stream().mapToInt(OutboundRecord::sizeBytes).sum())
                    .isLessThanOrEqualTo(KinesisPublisher.MAX_BYTES_PER_REQUEST);
    }

    @Test
    void retriesOnlyTheEntriesKinesisRejected() {
        List<String> rejectOnce = new ArrayList<>(List.of("k3", "k7"));
        ScriptedKinesis kinesis = new ScriptedKinesis(key -> !rejectOnce.remove(key));
        publisher(kinesis).publishAll(records(10, 10));
        assertThat(kinesis.requests).hasSize(2);
        assertThat(kinesis.requests.get(1)).containsExactly("k3", "k7");
    }

    @Test
    void failsLoudlyInsteadOfDroppingWhenEntriesKeepFailing() {
        ScriptedKinesis kinesis = new ScriptedKinesis(key -> !key.equals("k1"));
        assertThatThrownBy(() -> publisher(kinesis).publishAll(records(3, 10)))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("1 records still rejected")
                .hasMessageContaining("ProvisionedThroughputExceededException");
        assertThat(kinesis.requests).hasSize(6); // first try and five retries of the one failing entry
    }

    @Test
    void aggregatingPacksEachShardsRecordsIntoRecordsKclUnpacksInOrder() {
        ScriptedKinesis kinesis = new ScriptedKinesis(key -> true);
        kinesis.shards = twoShards();
        List<OutboundRecord> records = IntStream.range(0, 100)
                .mapToObj(i -> OutboundRecord.ofUtf8("trade-" + (i % 30), "event " + i))
                .toList();
        publisher(kinesis).aggregating(1_000).publishAll(records);

        assertThat(kinesis.entries.size()).as("Kinesis records put").isBetween(4, 10);
        List<String> unpacked = new ArrayList<>();
        for (Shard shard : kinesis.shards) {
            List<KinesisClientRecord> read = readAsKcl(kinesis, shard);
            for (KinesisClientRecord record : read)
                assertThat(kinesis.shardOwning(ShardMap.hashKeyOf(record.partitionKey())))
                        .as("shard of " + record.partitionKey())
                        .isEqualTo(shard);
            read.stream().map(KinesisPublisherTest::utf8).forEach(unpacked::add);
            List<Integer> order = read.stream()
                    .map(record -> Integer.parseInt(utf8(record).substring("event ".length())))
                    .toList();
            assertThat(order).as("order on " + shard.shardId()).isSorted();
        }
        assertThat(unpacked).containsExactlyInAnyOrderElementsOf(utf8(records));
    }

    @Test
    void aggregatingPutsALoneRecordAsItIs() {
        ScriptedKinesis kinesis = new ScriptedKinesis(key -> true);
        publisher(kinesis).aggregating(1_000).publishAll(List.of(OutboundRecord.ofUtf8("k", "alone")));
        assertThat(kinesis.entries).singleElement().satisfies(entry -> {
            assertThat(entry.explicitHashKey()).isNull();
            assertThat(entry.data().asUtf8String()).isEqualTo("alone");
        });
        assertThat(kinesis.listShardsCalls).isZero();
    }

    @Test
    void aggregatingPutsAgainWhatLandedOnAnUnexpectedShardByAFreshShardMap() {
        ScriptedKinesis kinesis = new ScriptedKinesis(key -> true);
        KinesisPublisher publisher = publisher(kinesis).aggregating(100_000);
        publisher.publishAll(records(10, 10)); // reads the one-shard map
        // Split behind the publisher's back: the shard it knows is closed, two new ones own its range.
        List<Shard> resharded = new ArrayList<>(twoShards());
        resharded.add(0, shard("shardId-0", BigInteger.ZERO, MAX_HASH_KEY, "10"));
        kinesis.shards = resharded;
        kinesis.entries.clear();

        List<OutboundRecord> records = IntStream.range(0, 40)
                .mapToObj(i -> OutboundRecord.ofUtf8("key-" + i, "r" + i))
                .toList();
        publisher.publishAll(records);

        assertThat(kinesis.listShardsCalls).isEqualTo(2);
        List<String> processed = new ArrayList<>();
        for (Shard shard : twoShards())
            readAsKcl(kinesis, shard).stream().map(KinesisPublisherTest::utf8).forEach(processed::add);
        assertThat(processed).containsExactlyInAnyOrderElementsOf(utf8(records));
    }

    @Test
    void aggregatingGivesUpLoudlyWhenAggregatesKeepLandingElsewhere() {
        ScriptedKinesis kinesis = new ScriptedKinesis(key -> true);
        kinesis.misroute = Integer.MAX_VALUE;
        assertThatThrownBy(() -> publisher(kinesis).aggregating(100_000).publishAll(records(5, 10)))
                .isInstanceOf(DependencyUnavailableException.class)
                .hasMessageContaining("5 records")
                .hasMessageContaining("unexpected shards");
    }

    private static List<String> utf8(List<OutboundRecord> records) {
        return records.stream()
                .map(record -> new String(record.data(), StandardCharsets.UTF_8))
                .toList();
    }

    private static String utf8(KinesisClientRecord record) {
        return StandardCharsets.UTF_8.decode(record.data().duplicate()).toString();
    }

    @Test
    void refusesARecordOverOneMebibyte() {
        assertThatThrownBy(() -> new OutboundRecord("k", new byte[1024 * 1024]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 MiB");
        assertThat(OutboundRecord.ofUtf8("k", "x").data()).isEqualTo("x".getBytes(StandardCharsets.UTF_8));
    }
}
