package io.tradewind.opsconsole.adapter.kinesis;

import io.tradewind.opsconsole.quarantine.Streams;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;

/** One plain PutRecord per record, in the named region: a replay is one record, and an operator waits for its answer. */
public final class KinesisStreams implements Streams {
    private final Map<String, KinesisClient> regions;

    /** @param regions per region, its Kinesis */
    public KinesisStreams(Map<String, KinesisClient> regions) {
        this.regions = Map.copyOf(regions);
    }

    @Override
    public Position put(String region, String stream, String partitionKey, byte[] data) {
        KinesisClient kinesis = regions.get(region);
        if (kinesis == null) throw new IllegalArgumentException("no Kinesis configured for " + region);
        PutRecordResponse put = kinesis.putRecord(
                b -> b.streamName(stream).partitionKey(partitionKey).data(SdkBytes.fromByteArray(data)));
        return new Position(put.shardId(), put.sequenceNumber());
    }
}
