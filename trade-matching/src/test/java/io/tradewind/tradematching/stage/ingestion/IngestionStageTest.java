package io.tradewind.tradematching.stage.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.StatusReport;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.gateway.InboundRecord;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.tradematching.flow.TradeCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

class IngestionStageTest {
    private static final String VALID_NEW =
            "{\"messageId\":\"BRK001-1\",\"messageType\":\"NEW\",\"senderId\":\"BRK001\","
                    + "\"senderRole\":\"BROKER\",\"tradeRef\":\"T1\",\"executingBroker\":\"BRK001\",\"investmentManager\":\"IM042\","
                    + "\"side\":\"BUY\",\"security\":\"US0378331005\",\"quantity\":1000,\"price\":\"187.2500\",\"currency\":\"USD\","
                    + "\"tradeDate\":\"2026-11-20\",\"settlementDate\":\"2026-11-23\",\"netAmount\":\"187250.00\","
                    + "\"allocations\":[{\"allocationId\":\"1\",\"account\":\"ACC-1\",\"quantity\":1000}]}";

    /** A Kinesis stream that keeps what was put on it. */
    private static final class RecordingStream implements KinesisClient {
        final List<byte[]> records = new ArrayList<>();

        @Override
        public PutRecordsResponse putRecords(PutRecordsRequest request) {
            request.records().forEach(r -> records.add(r.data().asByteArray()));
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

    /** A book in memory: trades by id, and the rejections it was told about. */
    private static final class BookInMemory implements TradeIntake {
        final Map<String, String> bookedBy = new HashMap<>();
        final List<RejectedInput> rejected = new ArrayList<>();

        @Override
        public List<Booking> bookAll(List<NewTrade> trades) {
            List<Booking> bookings = new ArrayList<>();
            for (NewTrade newTrade : trades) {
                TradeMessage trade = newTrade.trade();
                String id = trade.senderId() + "|" + trade.tradeRef();
                String by = bookedBy.putIfAbsent(id, trade.messageId());
                bookings.add(
                        by == null || by.equals(trade.messageId())
                                ? new Booked(id, "pairing-key")
                                : new DuplicateTradeRef(id, by));
            }
            return bookings;
        }

        @Override
        public Optional<String> partitionKeyOf(String tradeId) {
            return bookedBy.containsKey(tradeId) ? Optional.of("pairing-key") : Optional.empty();
        }

        @Override
        public void recordRejections(List<RejectedInput> rejections) {
            rejected.addAll(rejections);
        }
    }

    private final RecordingStream matching = new RecordingStream();
    private final RecordingStream outbound = new RecordingStream();
    private final BookInMemory book = new BookInMemory();
    private final StageMetrics metrics = StageMetrics.unregistered("ingestion");
    private final IngestionStage stage = new IngestionStage(
            new TradeMessageDecoder(),
            book,
            new KinesisPublisher(matching, "m", DependencyGuard.forDependency("kinesis")),
            new KinesisPublisher(outbound, "o", DependencyGuard.forDependency("kinesis")),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            metrics);

    private static InboundRecord inbound(String key, String body) {
        return new InboundRecord(key, "ID:1", Instant.EPOCH, body, body.length());
    }

    private List<StatusReport> reports() {
        return outbound.records.stream()
                .map(data -> FlowJson.decode(data, OutboundEnvelope.class))
                .map(envelope -> WireCodec.decodeStatusReport(envelope.body()))
                .toList();
    }

    @Test
    void booksAValidTradeAndAsksMatchingToMatchIt() {
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW)));
        assertThat(matching.records).singleElement().satisfies(data -> assertThat(
                        FlowJson.decode(data, TradeCommand.class))
                .isEqualTo(new TradeCommand(TradeCommand.Kind.MATCH, "BRK001|T1", "BRK001|BRK001-1", "BRK001-1")));
        assertThat(outbound.records).isEmpty();
    }

    @Test
    void rejectsAnotherMessageForATradeRefAlreadyBooked() {
        stage.process(List.of(
                inbound("BRK001|BRK001-1", VALID_NEW),
                inbound("BRK001|BRK001-2", VALID_NEW.replace("BRK001-1", "BRK001-2"))));
        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.status()).isEqualTo(TradeStatus.REJECTED);
            assertThat(report.inReplyTo()).isEqualTo("BRK001-2");
            assertThat(report.tradeRef()).isEqualTo("T1");
            assertThat(report.reasons()).extracting(StatusReason::code).containsExactly("DUPLICATE_TRADE_REF");
        });
        assertThat(book.rejected).hasSize(1);
        assertThat(metrics.rejectedCount()).isEqualTo(1);
    }

    @Test
    void aCancelLaterInTheSameBatchFindsTheTradeBookedBeforeIt() {
        String cancel = WireCodec.encode(TradeMessage.cancel("BRK001-9", "BRK001", SenderRole.BROKER, "T1"));
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW), inbound("BRK001|BRK001-9", cancel)));
        assertThat(matching.records)
                .extracting(data -> FlowJson.decode(data, TradeCommand.class).kind())
                .containsExactly(TradeCommand.Kind.MATCH, TradeCommand.Kind.CANCEL);
        assertThat(outbound.records).isEmpty();
    }

    @Test
    void rejectsACancelOfAnUnknownTrade() {
        String cancel = WireCodec.encode(TradeMessage.cancel("BRK001-9", "BRK001", SenderRole.BROKER, "NOPE"));
        stage.process(List.of(inbound("BRK001|BRK001-9", cancel)));
        assertThat(reports()).singleElement().satisfies(report -> assertThat(report.reasons())
                .containsExactly(new StatusReason("tradeRef", "UNKNOWN_TRADE", "NOPE", null)));
        assertThat(matching.records).isEmpty();
    }

    @Test
    void rejectsATruncatedBodyAsTooLargeUnderTheSenderTheGatewayRecorded() {
        stage.process(List.of(new InboundRecord("BRK001|BIG-1", "ID:2", Instant.EPOCH, "{\"messa", 400_000)));
        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.senderId()).isEqualTo("BRK001");
            assertThat(report.inReplyTo()).isEqualTo("BIG-1");
            assertThat(report.reasons()).extracting(StatusReason::code).containsExactly("TOO_LARGE");
        });
    }

    @Test
    void answersEveryBadFieldOfAnInvalidTradeInOneReport() {
        stage.process(List.of(inbound(
                "BRK001|BRK001-1",
                VALID_NEW.replace("\"quantity\":1000,", "\"quantity\":0,").replace("\"USD\"", "\"usd\""))));
        assertThat(reports()).singleElement().satisfies(report -> assertThat(report.reasons())
                .extracting(StatusReason::field)
                .contains("quantity", "currency"));
    }
}
