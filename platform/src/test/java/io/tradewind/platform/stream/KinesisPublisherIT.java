package io.tradewind.platform.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.provisioning.Provisioner;
import io.tradewind.platform.resilience.DependencyGuard;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** Aggregated publishing on the real emulator, read back the way KCL unpacks it, across a reshard. */
@ExtendWith(LocalAwsExtension.class)
class KinesisPublisherIT {
    private final KinesisClient kinesis;

    KinesisPublisherIT(LocalAws aws) {
        EmulatedRegion region = aws.region(LocalAwsConfig.PRIMARY_REGION);
        kinesis = new AwsClientFactory(
                        AwsSettings.local(region.name(), region.kinesisEndpoint(), region.dynamoDbEndpoint()))
                .kinesis();
    }

    @Test
    void everyRecordIsReadExactlyOnceAfterTheStreamIsSplitUnderAPublishersFeet() {
        String stream = "publisher-it-" + System.nanoTime();
        new Provisioner(kinesis, null).ensureStream(stream, 1);
        KinesisPublisher publisher =
                new KinesisPublisher(kinesis, stream, DependencyGuard.forDependency("kinesis")).aggregating(4_096);
        List<OutboundRecord> before = records("before", 60);
        publisher.publishAll(before); // the publisher now holds a map of the one shard

        Shard parent = shards(stream).get(0);
        BigInteger middle = BigInteger.TWO.pow(127);
        kinesis.splitShard(
                b -> b.streamName(stream).shardToSplit(parent.shardId()).newStartingHashKey(middle.toString()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> kinesis.describeStreamSummary(b -> b.streamName(stream))
                                .streamDescriptionSummary()
                                .streamStatus()
                        == StreamStatus.ACTIVE);
        List<OutboundRecord> after = records("after", 120);
        publisher.publishAll(after);

        List<String> read = new ArrayList<>();
        List<Shard> shards = shards(stream);
        assertThat(shards).hasSize(3);
        for (Shard shard : shards) read.addAll(readAsKcl(stream, shard));
        List<String> expected = new ArrayList<>();
        for (OutboundRecord record : before) expected.add(new String(record.data(), StandardCharsets.UTF_8));
        for (OutboundRecord record : after) expected.add(new String(record.data(), StandardCharsets.UTF_8));
        assertThat(read).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static List<OutboundRecord> records(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> OutboundRecord.ofUtf8("trade-" + (i % 40), prefix + "-" + i))
                .toList();
    }

    private List<Shard> shards(String stream) {
        return kinesis.listShards(b -> b.streamName(stream)).shards();
    }

    /** Every record of the shard, unpacked as KCL does for that shard's processor (which drops foreign ones). */
    private List<String> readAsKcl(String stream, Shard shard) {
        String iterator = kinesis.getShardIterator(b ->
                        b.streamName(stream).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        List<KinesisClientRecord> records = new ArrayList<>();
        while (iterator != null) {
            String current = iterator;
            var page = kinesis.getRecords(b -> b.shardIterator(current));
            if (page.records().isEmpty()) break;
            for (Record record : page.records()) records.add(KinesisClientRecord.fromRecord(record));
            iterator = page.nextShardIterator();
        }
        return new AggregatorUtil()
                        .deaggregate(
                                records,
                                shard.hashKeyRange().startingHashKey(),
                                shard.hashKeyRange().endingHashKey())
                        .stream()
                        .map(record ->
                                StandardCharsets.UTF_8.decode(record.data()).toString())
                        .toList();
    }
}
