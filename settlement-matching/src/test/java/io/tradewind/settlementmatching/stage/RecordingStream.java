package io.tradewind.settlementmatching.stage;

import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.Ordered;
import io.tradewind.platform.stream.Publisher;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * A Kinesis stream in memory that keeps every record put on it, with its partition key, for stage tests: the stages
 * publish through platform's {@link KinesisPublisher}, which is final, so the fake sits one level below it.
 */
public final class RecordingStream implements KinesisClient {
    /** One record as it was put: its partition key and data. */
    public record Put(String partitionKey, byte[] data) {
        public <T> T decode(Class<T> type) {
            return FlowJson.decode(data, type);
        }

        public OutboundEnvelope envelope() {
            return decode(OutboundEnvelope.class);
        }
    }

    private final List<Put> records = new ArrayList<>();
    private Runnable onPut = () -> {};

    /** A publisher into this stream, as the pipeline gives a stage one. */
    public KinesisPublisher publisher() {
        return new KinesisPublisher(this, "test-stream", DependencyGuard.forDependency("kinesis"));
    }

    /** A stage's typed port onto this stream, encoding as the pipeline's adapter does. */
    public <T> Publisher<Ordered<T>> ordered() {
        return FlowJson.publisherOnto(publisher());
    }

    /** Runs {@code listener} on every put, before the records are kept (to see what happened first). */
    public RecordingStream onPut(Runnable listener) {
        onPut = listener;
        return this;
    }

    public List<Put> records() {
        return List.copyOf(records);
    }

    @Override
    public PutRecordsResponse putRecords(PutRecordsRequest request) {
        onPut.run();
        request.records()
                .forEach(r -> records.add(new Put(r.partitionKey(), r.data().asByteArray())));
        return PutRecordsResponse.builder()
                .failedRecordCount(0)
                .records(request.records().stream()
                        .map(r -> PutRecordsResultEntry.builder()
                                .sequenceNumber("1")
                                .build())
                        .toList())
                .build();
    }

    @Override
    public String serviceName() {
        return "kinesis";
    }

    @Override
    public void close() {}
}
