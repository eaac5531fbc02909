package io.tradewind.tradematching.stage.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.ParticipantStatus;
import io.tradewind.model.participant.Role;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.trade.RejectionCode;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.StatusReport;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.model.wire.Envelope;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.app.IngestionPorts;
import io.tradewind.platform.gateway.InboundRecord;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.participant.ParticipantDirectory;
import io.tradewind.platform.participant.SenderAuthorization;
import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.Ordered;
import io.tradewind.platform.stream.Publisher;
import io.tradewind.tradematching.domain.PairingKey;
import io.tradewind.tradematching.flow.TradeCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
    private static final String T1_PAIRING_KEY = "BRK001|IM042|BUY|US0378331005|2026-11-20|1000";
    private static final String CANCEL_T1 =
            WireCodec.encode(TradeMessage.cancel("BRK001-9", "BRK001", SenderRole.BROKER, "T1"));
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final TradeCommand MATCH_T1 =
            new TradeCommand(TradeCommand.Kind.MATCH, "BRK001|T1", "BRK001|BRK001-1", "BRK001-1");
    private static final TradeCommand CANCEL_T1_COMMAND =
            new TradeCommand(TradeCommand.Kind.CANCEL, "BRK001|T1", "BRK001|BRK001-9", "BRK001-9");

    /** A Kinesis stream that keeps what was put on it, with partition keys. */
    private static final class RecordingStream implements KinesisClient {
        record Put(String partitionKey, byte[] data) {}

        final List<Put> records = new ArrayList<>();

        @Override
        public PutRecordsResponse putRecords(PutRecordsRequest request) {
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

    /**
     * The book in memory, deciding as the PostgreSQL book does: trades by id with the input that booked them, recorded
     * rejections, and held cancels (held, released once their trade is booked, or rejected by a sweep).
     */
    private static final class BookInMemory implements TradeIntake {
        record Trade(String messageId, String inputKey, String pairingKey) {}

        static final class Hold {
            final HeldCancel cancel;
            final Instant heldAt;
            boolean released;
            boolean rejected;

            Hold(HeldCancel cancel, Instant heldAt) {
                this.cancel = cancel;
                this.heldAt = heldAt;
            }
        }

        final Map<String, Trade> trades = new HashMap<>();
        final Map<String, RejectedInput> rejected = new LinkedHashMap<>();
        final Map<String, Hold> holds = new LinkedHashMap<>();

        @Override
        public Map<String, RejectedInput> rejectedBefore(Collection<String> inputKeys) {
            Map<String, RejectedInput> before = new HashMap<>();
            for (String key : inputKeys) if (rejected.containsKey(key)) before.put(key, rejected.get(key));
            return before;
        }

        @Override
        public Map<String, BookedBefore> bookedBefore(Map<String, String> tradeIdByInputKey) {
            Map<String, BookedBefore> before = new HashMap<>();
            tradeIdByInputKey.forEach((key, id) -> {
                Trade trade = trades.get(id);
                if (trade != null && trade.inputKey().equals(key))
                    before.put(key, new BookedBefore(id, trade.pairingKey(), trade.messageId()));
            });
            return before;
        }

        @Override
        public Bookings bookAll(List<NewTrade> newTrades, Collection<String> bookedBefore) {
            List<Booking> bookings = new ArrayList<>();
            List<String> tradeIds = new ArrayList<>(bookedBefore);
            for (NewTrade newTrade : newTrades) {
                TradeMessage trade = newTrade.trade();
                String id = trade.senderId() + "|" + trade.tradeRef();
                String pairingKey = new PairingKey(
                                trade.executingBroker(),
                                trade.investmentManager(),
                                trade.side(),
                                trade.security(),
                                trade.tradeDate(),
                                trade.quantity())
                        .asPartitionKey();
                Trade by = trades.putIfAbsent(id, new Trade(trade.messageId(), newTrade.inputKey(), pairingKey));
                bookings.add(
                        by == null || by.messageId().equals(trade.messageId())
                                ? new Booked(id, pairingKey)
                                : new DuplicateTradeRef(id, by.messageId()));
                tradeIds.add(id);
            }
            List<ReleasedCancel> released = new ArrayList<>();
            for (Hold hold : holds.values())
                if (tradeIds.contains(hold.cancel.tradeId()) && !hold.rejected) {
                    hold.released = true;
                    released.add(new ReleasedCancel(
                            hold.cancel, trades.get(hold.cancel.tradeId()).pairingKey()));
                }
            released.sort(Comparator.comparing(r -> r.cancel().receivedAt()));
            return new Bookings(bookings, released);
        }

        @Override
        public Map<String, String> holdUnbooked(List<HeldCancel> cancels, Instant heldAt) {
            Map<String, String> booked = new HashMap<>();
            for (HeldCancel cancel : cancels) {
                Trade trade = trades.get(cancel.tradeId());
                if (trade != null) booked.put(cancel.tradeId(), trade.pairingKey());
                else holds.putIfAbsent(cancel.inputKey(), new Hold(cancel, heldAt));
            }
            return booked;
        }

        @Override
        public Sweep sweepHeldCancels(Instant heldBefore, int limit, Function<HeldCancel, RejectedInput> reject) {
            List<RejectedInput> rejections = new ArrayList<>();
            List<ReleasedCancel> released = new ArrayList<>();
            for (Hold hold : holds.values()) {
                if (hold.released || rejections.size() + released.size() == limit) continue;
                if (hold.rejected) {
                    rejections.add(reject.apply(hold.cancel));
                } else if (hold.heldAt.isBefore(heldBefore)) {
                    Trade trade = trades.get(hold.cancel.tradeId());
                    if (trade != null) {
                        hold.released = true;
                        released.add(new ReleasedCancel(hold.cancel, trade.pairingKey()));
                    } else {
                        RejectedInput rejection = reject.apply(hold.cancel);
                        hold.rejected = true;
                        rejected.putIfAbsent(rejection.inputKey(), rejection);
                        rejections.add(rejection);
                    }
                }
            }
            return new Sweep(rejections, released);
        }

        @Override
        public void forgetHolds(Collection<String> publishedRejections) {
            holds.values().removeIf(hold -> hold.rejected && publishedRejections.contains(hold.cancel.inputKey()));
        }

        @Override
        public void recordRejections(List<RejectedInput> rejections) {
            rejections.forEach(r -> rejected.putIfAbsent(r.inputKey(), r));
        }
    }

    private final RecordingStream matching = new RecordingStream();
    private final RecordingStream outbound = new RecordingStream();
    private final BookInMemory book = new BookInMemory();
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private final StageMetrics metrics = StageMetrics.unregistered("ingestion");
    private final Publisher<Ordered<TradeCommand>> toMatching =
            FlowJson.publisherOnto(new KinesisPublisher(matching, "m", DependencyGuard.forDependency("kinesis")));
    private final Publisher<Ordered<OutboundEnvelope>> toOutbound =
            FlowJson.publisherOnto(new KinesisPublisher(outbound, "o", DependencyGuard.forDependency("kinesis")));
    private final IngestionPorts<TradeCommand> ports = new IngestionPorts<>(toMatching, toOutbound, metrics);
    /** The registry: BRK* are brokers, IM* investment managers, unless a test registers them otherwise. */
    private final Map<String, Participant> participants = new HashMap<>();

    private final ParticipantDirectory directory = ids -> {
        Map<String, Participant> found = new HashMap<>();
        for (String id : ids)
            Optional.ofNullable(participants.get(id))
                    .or(() -> Optional.ofNullable(defaultParticipant(id)))
                    .ifPresent(participant -> found.put(id, participant));
        return found;
    };

    private final IngestionStage stage = new IngestionStage(
            new TradeMessageDecoder(),
            book,
            ports,
            new SenderAuthorization(directory),
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static Participant defaultParticipant(String id) {
        Role role = id.startsWith("BRK") ? Role.BROKER : id.startsWith("IM") ? Role.INVESTMENT_MANAGER : null;
        return role == null ? null : Participant.onboard(new ParticipantId(id), Set.of(role), Instant.EPOCH);
    }

    /** Sweeps the held cancels as the sweep would at {@code at}, two holds a transaction. */
    private int sweepAt(Instant at) {
        return new HeldCancelSweep(
                        new HeldCancelSweep.Settings("sweep", GRACE, Duration.ofSeconds(1), 2),
                        book,
                        ports,
                        Clock.fixed(at, ZoneOffset.UTC))
                .sweep();
    }

    /**
     * A record as the gateway forwards it: sent by the participant its journal key names, as the broker stamped it (a
     * key that names no one came from a connection the broker authenticated no one on).
     */
    private static InboundRecord inbound(String key, String body) {
        InboundRecord record = new InboundRecord(key, "ID:1", Instant.EPOCH, body, body.length());
        String sender = key.substring(0, key.indexOf('|'));
        return sender.equals(Envelope.UNIDENTIFIED_SENDER) ? record : record.sentBy(sender);
    }

    private List<TradeCommand> commands() {
        return matching.records.stream()
                .map(put -> FlowJson.decode(put.data(), TradeCommand.class))
                .toList();
    }

    private List<String> partitionKeys() {
        return matching.records.stream().map(RecordingStream.Put::partitionKey).toList();
    }

    private List<String> commandKinds() {
        return commands().stream()
                .map(command -> command.kind() + " " + command.inputKey())
                .toList();
    }

    private List<StatusReport> reports() {
        return outbound.records.stream()
                .map(put -> FlowJson.decode(put.data(), OutboundEnvelope.class))
                .map(envelope -> WireCodec.decodeStatusReport(envelope.body()))
                .toList();
    }

    private List<OutboundEnvelope> envelopes() {
        return outbound.records.stream()
                .map(put -> FlowJson.decode(put.data(), OutboundEnvelope.class))
                .toList();
    }

    private static List<String> codes(StatusReport report) {
        return report.reasons().stream().map(r -> r.field() + ":" + r.code()).toList();
    }

    @Test
    void booksAValidTradeAndAsksMatchingToMatchItUnderItsPairingKey() {
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW)));
        assertThat(commands()).containsExactly(MATCH_T1);
        assertThat(partitionKeys()).containsExactly(T1_PAIRING_KEY);
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
    void aCancelLaterInTheSameBatchFollowsTheMatchOfTheTradeBookedBeforeIt() {
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW), inbound("BRK001|BRK001-9", CANCEL_T1)));
        assertThat(commandKinds()).containsExactly("MATCH BRK001|BRK001-1", "CANCEL BRK001|BRK001-9");
        assertThat(partitionKeys()).containsOnly(T1_PAIRING_KEY);
        assertThat(outbound.records).isEmpty();
        assertThat(book.holds).isEmpty();
    }

    @Test
    void aCancelThatOvertookItsNewInTheSameBatchWaitsForTheNewsMatch() {
        stage.process(List.of(inbound("BRK001|BRK001-9", CANCEL_T1), inbound("BRK001|BRK001-1", VALID_NEW)));
        assertThat(commandKinds()).containsExactly("MATCH BRK001|BRK001-1", "CANCEL BRK001|BRK001-9");
        assertThat(outbound.records).isEmpty();
    }

    @Test
    void holdsACancelWhoseTradeIsNotBookedYetInsteadOfRejectingIt() {
        stage.process(List.of(inbound("BRK001|BRK001-9", CANCEL_T1)));

        assertThat(matching.records).isEmpty();
        assertThat(outbound.records).isEmpty();
        assertThat(book.holds).containsOnlyKeys("BRK001|BRK001-9");
        assertThat(book.rejected).isEmpty();
        assertThat(metrics.rejectedCount()).isZero();
    }

    @Test
    void releasesAHeldCancelRightAfterTheMatchOfItsTradeWhenTheNewArrivesInALaterBatch() {
        stage.process(List.of(inbound("BRK001|BRK001-9", CANCEL_T1)));
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW)));

        assertThat(commands()).containsExactly(MATCH_T1, CANCEL_T1_COMMAND);
        assertThat(partitionKeys()).containsOnly(T1_PAIRING_KEY);
        assertThat(outbound.records).isEmpty();
    }

    @Test
    void releasesACancelAgainWhenItsNewIsReplayedSinceMatchingMayNeverHaveGotIt() {
        stage.process(List.of(inbound("BRK001|BRK001-9", CANCEL_T1)));
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW)));
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW)));

        assertThat(commandKinds())
                .containsExactly(
                        "MATCH BRK001|BRK001-1",
                        "CANCEL BRK001|BRK001-9",
                        "MATCH BRK001|BRK001-1",
                        "CANCEL BRK001|BRK001-9");
    }

    @Test
    void answersAHeldCancelUnknownTradeOnlyOnceTheGracePeriodHasPassed() {
        stage.process(List.of(inbound("BRK001|BRK001-9", CANCEL_T1)));

        assertThat(sweepAt(NOW.plus(GRACE).minusSeconds(1))).isZero();
        assertThat(outbound.records).isEmpty();

        assertThat(sweepAt(NOW.plus(GRACE).plusSeconds(1))).isEqualTo(1);
        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.messageId()).isEqualTo("TR-BRK001|BRK001-9");
            assertThat(report.inReplyTo()).isEqualTo("BRK001-9");
            assertThat(report.senderId()).isEqualTo("BRK001");
            assertThat(report.tradeRef()).isEqualTo("T1");
            assertThat(report.status()).isEqualTo(TradeStatus.REJECTED);
            assertThat(report.reasons()).containsExactly(new StatusReason("tradeRef", "UNKNOWN_TRADE", "T1", null));
        });
        assertThat(envelopes()).singleElement().satisfies(envelope -> assertThat(envelope.queue())
                .isEqualTo("trades.status.BRK001"));
        assertThat(book.rejected).containsOnlyKeys("BRK001|BRK001-9");
        assertThat(book.holds).as("forgotten once published").isEmpty();
        assertThat(matching.records).isEmpty();
        assertThat(metrics.rejectedCount()).isEqualTo(1);
    }

    @Test
    void aCancelAnsweredUnknownTradeStaysRejectedWhenReplayedAfterItsTradeIsBooked() {
        stage.process(List.of(inbound("BRK001|BRK001-9", CANCEL_T1)));
        sweepAt(NOW.plus(GRACE).plusSeconds(1));

        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW)));
        stage.process(List.of(inbound("BRK001|BRK001-9", CANCEL_T1)));

        assertThat(commandKinds()).as("the trade is matched, never cancelled").containsExactly("MATCH BRK001|BRK001-1");
        assertThat(reports()).hasSize(2).allSatisfy(report -> {
            assertThat(report.messageId()).isEqualTo("TR-BRK001|BRK001-9");
            assertThat(report.reasons()).containsExactly(new StatusReason("tradeRef", "UNKNOWN_TRADE", "T1", null));
        });
    }

    @Test
    void aSweepReleasesAHoldWhoseTradeWasBookedWithoutReleasingIt() {
        stage.process(List.of(inbound("BRK001|BRK001-9", CANCEL_T1)));
        // A booking that ran beside the hold and saw neither it nor was seen by it.
        book.trades.put("BRK001|T1", new BookInMemory.Trade("BRK001-1", "BRK001|BRK001-1", T1_PAIRING_KEY));

        sweepAt(NOW.plus(GRACE).plusSeconds(1));

        assertThat(commands()).containsExactly(CANCEL_T1_COMMAND);
        assertThat(partitionKeys()).containsExactly(T1_PAIRING_KEY);
        assertThat(outbound.records).isEmpty();
    }

    @Test
    void aSweepDecidesEveryHoldDueABatchAtATime() {
        for (int i = 1; i <= 5; i++)
            stage.process(List.of(inbound(
                    "BRK001|C" + i,
                    WireCodec.encode(TradeMessage.cancel("C" + i, "BRK001", SenderRole.BROKER, "NONE" + i)))));

        assertThat(sweepAt(NOW.plus(GRACE).plusSeconds(1))).isEqualTo(5);
        assertThat(reports()).extracting(StatusReport::inReplyTo).containsExactly("C1", "C2", "C3", "C4", "C5");
    }

    @Test
    void aReplayedCancelOfABookedTradeAsksMatchingAgainWhichRepeatsWhatItDid() {
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW), inbound("BRK001|BRK001-9", CANCEL_T1)));
        stage.process(List.of(inbound("BRK001|BRK001-9", CANCEL_T1)));

        assertThat(commandKinds())
                .containsExactly("MATCH BRK001|BRK001-1", "CANCEL BRK001|BRK001-9", "CANCEL BRK001|BRK001-9");
    }

    @Test
    void answersAReplayAsItWasAnsweredBeforeWithoutDecodingItAgain() {
        // Rejected once with reasons a decoder would not give today (a business-date window that has moved).
        book.rejected.put(
                "BRK001|BRK001-1",
                new TradeIntake.RejectedInput(
                        "BRK001|BRK001-1",
                        "BRK001",
                        "BRK001-1",
                        "T1",
                        List.of(new StatusReason("tradeDate", "OUTSIDE_WINDOW", "2026-11-20", null)),
                        Instant.EPOCH));

        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW)));

        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.messageId()).isEqualTo("TR-BRK001|BRK001-1");
            assertThat(report.tradeRef()).isEqualTo("T1");
            assertThat(codes(report)).containsExactly("tradeDate:OUTSIDE_WINDOW");
        });
        assertThat(book.trades).as("nothing booked").isEmpty();
        assertThat(matching.records).isEmpty();
    }

    @Test
    void asksMatchingAgainForANewThatBookedItsTradeEvenIfItNoLongerDecodes() {
        book.trades.put("BRK001|T1", new BookInMemory.Trade("BRK001-1", "BRK001|BRK001-1", T1_PAIRING_KEY));

        // The body no longer decodes (say, a rule added since); it was booked, and that is its answer.
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW.replace("\"USD\"", "\"usd\""))));

        assertThat(commands()).containsExactly(MATCH_T1);
        assertThat(outbound.records).isEmpty();
    }

    @Test
    void rejectsAnInvalidBodyThatNamesATradeAnotherMessageBooked() {
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW)));
        stage.process(List.of(inbound(
                "BRK001|BRK001-2", VALID_NEW.replace("BRK001-1", "BRK001-2").replace("\"USD\"", "\"usd\""))));

        assertThat(commandKinds()).containsExactly("MATCH BRK001|BRK001-1");
        assertThat(reports()).singleElement().satisfies(report -> assertThat(codes(report))
                .containsExactly("currency:INVALID_FORMAT"));
    }

    @Test
    void rejectsATruncatedBodyAsTooLargeUnderTheSenderTheGatewayRecorded() {
        stage.process(List.of(
                new InboundRecord("BRK001|BIG-1", "ID:2", Instant.EPOCH, "{\"messa", 400_000).sentBy("BRK001")));
        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.senderId()).isEqualTo("BRK001");
            assertThat(report.inReplyTo()).isEqualTo("BIG-1");
            assertThat(report.reasons()).extracting(StatusReason::code).containsExactly("TOO_LARGE");
        });
    }

    @Test
    void answersARejectionOnItsSendersPrivateStatusQueueInTheOrderOfItsInput() {
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW.replace("\"USD\"", "\"usd\""))));

        assertThat(envelopes()).singleElement().satisfies(envelope -> {
            assertThat(envelope.broker()).isEqualTo("trade-matching");
            assertThat(envelope.queue()).isEqualTo("trades.status.BRK001");
        });
        assertThat(outbound.records)
                .extracting(RecordingStream.Put::partitionKey)
                .containsExactly("BRK001|BRK001-1");
    }

    @Test
    void answersABodyThatNamesNoSenderOnTheFallbackRecipientsQueue() {
        stage.process(List.of(inbound(Envelope.UNIDENTIFIED_SENDER + "|ID:9", "not json")));

        assertThat(envelopes()).singleElement().satisfies(envelope -> assertThat(envelope.queue())
                .isEqualTo("trades.status.unknown"));
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

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of(InboundRecord.DUPLICATE_ID_CONFLICT, "first delivered as ID:0", "messageId"),
                Arguments.of(InboundRecord.NOT_UTF8, "byte 0xC3 at 12", "body"),
                Arguments.of(InboundRecord.QUARANTINED, "postgres refused it: 22001", "body"));
    }

    @ParameterizedTest
    @MethodSource("verdicts")
    void answersAGatewaysVerdictRejectedAtOnceWithoutDecodingTheBody(String verdict, String detail, String field) {
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW).withVerdict(verdict, detail)));

        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.messageId()).isEqualTo("TR-BRK001|BRK001-1");
            assertThat(report.inReplyTo()).isEqualTo("BRK001-1");
            assertThat(report.senderId()).isEqualTo("BRK001");
            assertThat(report.status()).isEqualTo(TradeStatus.REJECTED);
            assertThat(report.reasons()).containsExactly(new StatusReason(field, verdict, detail, null));
        });
        assertThat(book.trades).as("a valid body with a verdict is not booked").isEmpty();
        assertThat(book.rejected).containsOnlyKeys("BRK001|BRK001-1");
        assertThat(matching.records).isEmpty();
    }

    @Test
    void answersAQuarantinedCutEchoToTheSenderItsJournalKeyNames() {
        String cut = VALID_NEW.substring(0, 20);
        stage.process(List.of(new InboundRecord("BRK001|BRK001-1", "ID:3", Instant.EPOCH, cut, 400_000)
                .withVerdict(InboundRecord.QUARANTINED, "dynamodb refused it: item too large")));

        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.senderId()).isEqualTo("BRK001");
            assertThat(report.inReplyTo()).isEqualTo("BRK001-1");
            assertThat(codes(report)).as("the verdict, not TOO_LARGE").containsExactly("body:QUARANTINED");
        });
        assertThat(envelopes()).singleElement().satisfies(envelope -> assertThat(envelope.queue())
                .isEqualTo("trades.status.BRK001"));
    }

    @Test
    void answersAnInputTheStoreRefusedAsQuarantinedToItsSenderWithoutItsHostileValues() {
        String hostile = VALID_NEW.replace("\"T1\"", "\"T\\u0000" + "x".repeat(3_000) + "\"");
        stage.onQuarantined(inbound("BRK001|BRK001-1", hostile), "REFUSED_BY_POSTGRES");

        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.senderId()).isEqualTo("BRK001");
            assertThat(report.inReplyTo()).isEqualTo("BRK001-1");
            assertThat(report.tradeRef())
                    .as("the hostile tradeRef is not echoed")
                    .isNull();
            assertThat(codes(report)).containsExactly("body:QUARANTINED");
            assertThat(report.reasons().get(0).ours()).contains("REFUSED_BY_POSTGRES");
        });
        assertThat(book.rejected).containsOnlyKeys("BRK001|BRK001-1");
        assertThat(book.trades).isEmpty();
    }

    @Test
    void recordsAConfirmationWithAVerdictAsRejectedWithoutAnsweringAnyone() {
        String body = "{\"messageId\":\"SC-1\"}";
        stage.process(List.of(new InboundRecord(
                        "settlement-matching|SC-1",
                        "ID:4",
                        Instant.EPOCH,
                        body,
                        body.length(),
                        Queues.SETTLEMENTS_CONFIRMATIONS)
                .sentBy(ServiceIdentity.SETTLEMENT_MATCHING.user())
                .withVerdict(InboundRecord.NOT_UTF8, "byte 0xFF at 3")));

        assertThat(outbound.records).isEmpty();
        assertThat(matching.records).isEmpty();
        assertThat(book.rejected.get("settlement-matching|SC-1").reasons())
                .containsExactly(new StatusReason("body", "NOT_UTF8", "byte 0xFF at 3", null));

        stage.process(List.of(new InboundRecord(
                        "settlement-matching|SC-1",
                        "ID:4",
                        Instant.EPOCH,
                        body,
                        body.length(),
                        Queues.SETTLEMENTS_CONFIRMATIONS)
                .sentBy(ServiceIdentity.SETTLEMENT_MATCHING.user())));
        assertThat(outbound.records).as("a replay answers nobody either").isEmpty();
    }

    private List<String> notAuthorized() {
        return reports().stream()
                .flatMap(report -> report.reasons().stream())
                .filter(reason -> reason.code().equals(RejectionCode.NOT_AUTHORIZED.name()))
                .map(reason -> reason.field() + ": " + reason.ours())
                .toList();
    }

    @Test
    void rejectsATradeWhoseSenderIsNotTheAuthenticatedParticipantAndAnswersTheTrueSender() {
        // BRK002 posts a NEW in BRK001's name: the gateway journaled it under BRK002, the broker stamped BRK002.
        stage.process(List.of(inbound("BRK002|BRK001-1", VALID_NEW)));

        assertThat(matching.records).isEmpty();
        assertThat(book.trades).isEmpty();
        assertThat(notAuthorized())
                .containsExactly("senderId: senderId BRK001, but the connection is authenticated as BRK002");
        assertThat(envelopes()).singleElement().satisfies(envelope -> assertThat(envelope.queue())
                .as("answered to the impostor, never to the participant it named")
                .isEqualTo("trades.status.BRK002"));
    }

    @Test
    void anImpersonatedCancelLeavesTheOtherFirmsTradeAlone() {
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW)));
        stage.process(List.of(inbound("BRK007|BRK001-9", CANCEL_T1)));

        assertThat(commands()).as("only the owner's MATCH").containsExactly(MATCH_T1);
        assertThat(book.holds).isEmpty();
        assertThat(notAuthorized()).singleElement().asString().startsWith("senderId: ");
    }

    @Test
    void rejectsATradeFromASuspendedParticipant() {
        participants.put(
                "BRK001",
                Participant.onboard(new ParticipantId("BRK001"), Set.of(Role.BROKER), Instant.EPOCH)
                        .withStatus(ParticipantStatus.SUSPENDED, NOW));
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW)));

        assertThat(book.trades).isEmpty();
        assertThat(notAuthorized()).containsExactly("senderId: BRK001 is suspended");
        assertThat(book.rejected).containsOnlyKeys("BRK001|BRK001-1");
    }

    @Test
    void rejectsATradeInARoleTheParticipantDoesNotHold() {
        participants.put(
                "BRK001",
                Participant.onboard(new ParticipantId("BRK001"), Set.of(Role.SETTLEMENT_DESK), Instant.EPOCH));
        stage.process(List.of(inbound("BRK001|BRK001-1", VALID_NEW)));

        assertThat(book.trades).isEmpty();
        assertThat(notAuthorized())
                .singleElement()
                .asString()
                .startsWith("senderRole: BRK001 does not hold the role BROKER");
    }

    @Test
    void rejectsATradeFromAnUnregisteredUserAndOneNoBrokerAuthenticated() {
        stage.process(List.of(
                inbound("NOBODY|NOBODY-1", VALID_NEW.replace("BRK001", "NOBODY")),
                new InboundRecord("BRK001|BRK001-1", "ID:9", Instant.EPOCH, VALID_NEW, VALID_NEW.length())));

        assertThat(book.trades).isEmpty();
        assertThat(notAuthorized())
                .containsExactly(
                        "senderId: NOBODY is not a registered participant",
                        "senderId: senderId BRK001, but the broker authenticated no sender");
    }

    @Test
    void refusesAConfirmationFromAnyoneButSettlementMatchingAndAnswersTheForger() {
        String body = "{\"messageId\":\"SC-1\",\"matchId\":\"M-1\",\"allocationId\":\"1\"}";
        stage.process(List.of(new InboundRecord(
                        "BRK001|SC-1", "ID:5", Instant.EPOCH, body, body.length(), Queues.SETTLEMENTS_CONFIRMATIONS)
                .sentBy("BRK001")));

        assertThat(matching.records).as("nothing settles").isEmpty();
        assertThat(notAuthorized()).containsExactly("senderId: sent by BRK001");
        assertThat(envelopes()).singleElement().satisfies(envelope -> assertThat(envelope.queue())
                .isEqualTo("trades.status.BRK001"));
    }
}
