package io.tradewind.platform.stream;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.kpl.Messages;

/**
 * Packs several records into one Kinesis record in the Kinesis Producer Library's aggregation format (magic bytes,
 * an {@code AggregatedRecord} protobuf, its MD5), which KCL unpacks before a processor sees it: each packed record
 * arrives with its own partition key and a sub-sequence number, in the order packed.
 *
 * <p>KCL drops a whole aggregate if any record in it hashes outside the shard it was read from, so every record
 * packed together must belong to the shard the aggregate is put on ({@link KinesisPublisher} sees to it).
 */
final class KclAggregate {
    /** The protobuf's cost per record beyond its data and partition key, a safe upper bound for sizing. */
    static final int OVERHEAD_PER_RECORD = 16;

    /** The magic bytes and the MD5 around the protobuf. */
    static final int FRAMING_BYTES = AggregatorUtil.AGGREGATED_RECORD_MAGIC.length + 16;

    private KclAggregate() {}

    /** The bytes of one Kinesis record that KCL unpacks into {@code records}. */
    static byte[] encode(List<OutboundRecord> records) {
        Messages.AggregatedRecord.Builder aggregate = Messages.AggregatedRecord.newBuilder();
        Map<String, Integer> keyIndexes = new HashMap<>();
        for (OutboundRecord record : records) {
            Integer keyIndex = keyIndexes.get(record.partitionKey());
            if (keyIndex == null) {
                keyIndex = keyIndexes.size();
                keyIndexes.put(record.partitionKey(), keyIndex);
                aggregate.addPartitionKeyTable(record.partitionKey());
            }
            aggregate.addRecords(Messages.Record.newBuilder()
                    .setPartitionKeyIndex(keyIndex)
                    .setData(ByteString.copyFrom(record.data())));
        }
        byte[] body = aggregate.build().toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(FRAMING_BYTES + body.length);
        out.writeBytes(AggregatorUtil.AGGREGATED_RECORD_MAGIC);
        out.writeBytes(body);
        out.writeBytes(ShardMap.md5(body));
        return out.toByteArray();
    }

    /** An upper bound of what {@code record} adds to an aggregate. */
    static int sizeOf(OutboundRecord record) {
        return record.sizeBytes() + OVERHEAD_PER_RECORD;
    }
}
