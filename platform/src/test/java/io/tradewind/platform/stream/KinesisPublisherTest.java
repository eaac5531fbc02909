package io.tradewind.platform.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

class KinesisPublisherTest {

    /** A Kinesis that records every request and answers each entry as {@code answer} says. */
    private static final class ScriptedKinesis implements KinesisClient {
        final List<List<String>> requests = new ArrayList<>();
        final Function<String, Boolean> accepts;

        ScriptedKinesis(Function<String, Boolean> accepts) {
            this.accepts = accepts;
        }

        @Override
        public PutRecordsResponse putRecords(PutRecordsRequest request) {
            List<String> keys = request.records().stream()
                    .map(PutRecordsRequestEntry::partitionKey)
                    .toList();
            requests.add(keys);
            List<PutRecordsResultEntry> results = keys.stream()
                    .map(key -> accepts.apply(key)
                            ? PutRecordsResultEntry.builder()
                                    .sequenceNumber("1")
                                    .shardId("s")
                                    .build()
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
        List<List<OutboundRecord>> chunks = KinesisPublisher.chunks(records(20, 600 * 1024));
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
    void refusesARecordOverOneMebibyte() {
        assertThatThrownBy(() -> new OutboundRecord("k", new byte[1024 * 1024]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 MiB");
        assertThat(OutboundRecord.ofUtf8("k", "x").data()).isEqualTo("x".getBytes(StandardCharsets.UTF_8));
    }
}
