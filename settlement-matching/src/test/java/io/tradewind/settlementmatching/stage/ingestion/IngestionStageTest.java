package io.tradewind.settlementmatching.stage.ingestion;

import static io.tradewind.settlementmatching.pipeline.Instructions.aDelivery;
import static io.tradewind.settlementmatching.pipeline.Instructions.aReceipt;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.Role;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.settlement.SettlementInstructionDecoder;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.settlement.SettlementStatusReport;
import io.tradewind.model.trade.RejectionCode;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.app.IngestionPorts;
import io.tradewind.platform.gateway.InboundRecord;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.participant.SenderAuthorization;
import io.tradewind.settlementmatching.domain.SettlementPairingKey;
import io.tradewind.settlementmatching.flow.SettlementCommand;
import io.tradewind.settlementmatching.pipeline.Instructions;
import io.tradewind.settlementmatching.stage.RecordingStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IngestionStageTest {
    private static final Instant RECEIVED_AT = Instant.parse("2026-11-23T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:01Z");

    /** The settlement book in memory: which message booked each instruction id, and what it was told. */
    private static final class BookInMemory implements InstructionIntake {
        final Map<String, String> bookedBy = new HashMap<>();
        final Map<String, BookedBefore> bookedInputs = new HashMap<>();
        final List<NewInstruction> asked = new ArrayList<>();
        final List<RejectedInput> rejected = new ArrayList<>();
        final List<String> log;

        BookInMemory(List<String> log) {
            this.log = log;
        }

        @Override
        public Map<String, RejectedInput> rejectedBefore(Collection<String> inputKeys) {
            Map<String, RejectedInput> before = new HashMap<>();
            for (RejectedInput rejection : rejected)
                if (inputKeys.contains(rejection.inputKey())) before.putIfAbsent(rejection.inputKey(), rejection);
            return before;
        }

        @Override
        public Map<String, BookedBefore> bookedBefore(Map<String, String> instructionIdByInputKey) {
            Map<String, BookedBefore> before = new HashMap<>();
            instructionIdByInputKey.forEach((key, id) -> {
                BookedBefore booked = bookedInputs.get(key);
                if (booked != null && booked.instructionId().equals(id)) before.put(key, booked);
            });
            return before;
        }

        @Override
        public List<Booking> bookAll(List<NewInstruction> instructions) {
            log.add("book");
            asked.addAll(instructions);
            List<Booking> bookings = new ArrayList<>();
            for (NewInstruction booking : instructions) {
                String id = booking.instruction().instructionId();
                String messageId = booking.instruction().messageId();
                String by = bookedBy.putIfAbsent(id, messageId);
                String partitionKey =
                        SettlementPairingKey.of(booking.instruction()).partitionKey();
                if (by == null) bookedInputs.put(booking.inputKey(), new BookedBefore(id, partitionKey, messageId));
                bookings.add(
                        by == null || by.equals(messageId)
                                ? new Booked(id, partitionKey)
                                : new DuplicateInstructionId(id, by));
            }
            return bookings;
        }

        @Override
        public void recordRejections(List<RejectedInput> rejections) {
            if (!rejections.isEmpty()) log.add("record rejections");
            rejected.addAll(rejections);
        }
    }

    private final List<String> log = new ArrayList<>();
    private final RecordingStream matching = new RecordingStream().onPut(() -> log.add("publish commands"));
    private final RecordingStream outbound = new RecordingStream().onPut(() -> log.add("publish reports"));
    private final BookInMemory book = new BookInMemory(log);
    private final StageMetrics metrics = StageMetrics.unregistered("settlement-matching-ingestion");
    private final IngestionStage stage = new IngestionStage(
            new SettlementInstructionDecoder(),
            book,
            new IngestionPorts<>(matching.ordered(), outbound.ordered(), metrics),
            new SenderAuthorization(ids -> {
                Map<String, Participant> found = new HashMap<>();
                for (String id : ids) registered(id).ifPresent(participant -> found.put(id, participant));
                return found;
            }),
            Clock.fixed(NOW, ZoneOffset.UTC));

    /** The registry: DESK* are settlement desks, BRK* brokers. */
    private static Optional<Participant> registered(String id) {
        Role role = id.startsWith("DESK") ? Role.SETTLEMENT_DESK : id.startsWith("BRK") ? Role.BROKER : null;
        return Optional.ofNullable(role)
                .map(held -> Participant.onboard(new ParticipantId(id), Set.of(held), Instant.EPOCH));
    }

    /** A message a participant sent itself, as the gateway journaled it under the authenticated user. */
    private static InboundRecord sentBy(String user, Instructions instruction) {
        String body = instruction.json();
        return new InboundRecord(
                        user + "|" + instruction.messageId(),
                        "ID:broker-2",
                        RECEIVED_AT,
                        body,
                        body.getBytes(StandardCharsets.UTF_8).length)
                .sentBy(user);
    }

    /** A message as the inbound gateway journaled and forwarded it, sent by trade matching as its egress does. */
    private static InboundRecord inbound(Instructions instruction) {
        String body = instruction.json();
        return new InboundRecord(
                        instruction.journalKey(),
                        "ID:broker-1",
                        RECEIVED_AT,
                        body,
                        body.getBytes(StandardCharsets.UTF_8).length)
                .sentBy(ServiceIdentity.TRADE_MATCHING.user());
    }

    private List<SettlementCommand> commands() {
        return matching.records().stream()
                .map(put -> put.decode(SettlementCommand.class))
                .toList();
    }

    private List<OutboundEnvelope> envelopes() {
        return outbound.records().stream().map(RecordingStream.Put::envelope).toList();
    }

    private List<SettlementStatusReport> reports() {
        return envelopes().stream()
                .map(envelope -> WireCodec.decodeSettlementStatusReport(envelope.body()))
                .toList();
    }

    private static List<String> codes(SettlementStatusReport report) {
        return report.reasons().stream().map(r -> r.field() + ":" + r.code()).toList();
    }

    @Test
    void booksAValidInstructionAndAsksMatchingToDecideItUnderItsPairingKey() {
        Instructions delivery = aDelivery("P1");

        stage.process(List.of(inbound(delivery)));

        assertThat(book.asked)
                .containsExactly(new InstructionIntake.NewInstruction(
                        delivery.instruction(), delivery.journalKey(), RECEIVED_AT));
        assertThat(matching.records()).singleElement().satisfies(put -> {
            assertThat(put.partitionKey()).isEqualTo("US0378331005|BRK001|IM042");
            assertThat(put.decode(SettlementCommand.class))
                    .isEqualTo(
                            new SettlementCommand("M-P1-1-DELIVER", "BRK001|SI-M-P1-1-DELIVER", "SI-M-P1-1-DELIVER"));
        });
        assertThat(outbound.records()).isEmpty();
        assertThat(book.rejected).isEmpty();
        assertThat(metrics.rejectedCount()).isZero();
    }

    @Test
    void sendsBothSidesOfASettlementToMatchingUnderOneKeyInArrivalOrder() {
        stage.process(List.of(inbound(aDelivery("P1")), inbound(aReceipt("P1"))));

        assertThat(matching.records())
                .extracting(RecordingStream.Put::partitionKey)
                .containsExactly("US0378331005|BRK001|IM042", "US0378331005|BRK001|IM042");
        assertThat(commands())
                .extracting(SettlementCommand::instructionId)
                .containsExactly("M-P1-1-DELIVER", "M-P1-1-RECEIVE");
    }

    @Test
    void asksMatchingAgainForAMessageItBookedBeforeSoAReplayRepeatsItsAnswers() {
        stage.process(List.of(inbound(aDelivery("P1"))));
        stage.process(List.of(inbound(aDelivery("P1"))));

        assertThat(commands()).hasSize(2).containsOnly(commands().get(0));
        assertThat(outbound.records()).isEmpty();
    }

    @Test
    void rejectsAnotherMessageReusingAnInstructionIdAlreadyBooked() {
        Instructions first = aDelivery("P1");
        Instructions again = aDelivery("P1").withMessageId("BRK001-AGAIN");

        stage.process(List.of(inbound(first)));
        stage.process(List.of(inbound(again)));

        assertThat(commands()).extracting(SettlementCommand::messageId).containsExactly("SI-M-P1-1-DELIVER");
        assertThat(reports())
                .containsExactly(new SettlementStatusReport(
                        "SR-BRK001|BRK001-AGAIN",
                        "BRK001-AGAIN",
                        "M-P1-1-DELIVER",
                        "BRK001",
                        SettlementStatus.REJECTED,
                        null,
                        null,
                        List.of(new StatusReason(
                                "instructionId",
                                "DUPLICATE_INSTRUCTION_ID",
                                "M-P1-1-DELIVER",
                                "booked by message SI-M-P1-1-DELIVER"))));
        assertThat(outbound.records()).singleElement().satisfies(put -> {
            assertThat(put.partitionKey()).isEqualTo("BRK001|BRK001-AGAIN");
            OutboundEnvelope envelope = put.envelope();
            assertThat(envelope.broker()).isEqualTo("settlement-matching");
            assertThat(envelope.queue()).isEqualTo("settlements.status.BRK001");
            assertThat(envelope.messageId()).isEqualTo("SR-BRK001|BRK001-AGAIN");
        });
        assertThat(book.rejected).singleElement().satisfies(rejection -> {
            assertThat(rejection.inputKey()).isEqualTo("BRK001|BRK001-AGAIN");
            assertThat(rejection.instructionId()).isEqualTo("M-P1-1-DELIVER");
            assertThat(rejection.rejectedAt()).isEqualTo(NOW);
        });
        assertThat(metrics.rejectedCount()).isEqualTo(1);
    }

    @Test
    void rejectsTheSecondOfTwoMessagesSharingAnInstructionIdInOneBatch() {
        stage.process(List.of(inbound(aDelivery("P1")), inbound(aDelivery("P1").withMessageId("BRK001-AGAIN"))));

        assertThat(commands()).extracting(SettlementCommand::messageId).containsExactly("SI-M-P1-1-DELIVER");
        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.inReplyTo()).isEqualTo("BRK001-AGAIN");
            assertThat(codes(report)).containsExactly("instructionId:DUPLICATE_INSTRUCTION_ID");
        });
    }

    static Stream<Arguments> invalidInstructions() {
        return Stream.of(
                Arguments.of(aDelivery("B").without("settlementAmount"), "settlementAmount:MISSING"),
                Arguments.of(aDelivery("B").withRaw("colour", "\"red\""), "colour:UNKNOWN_FIELD"),
                Arguments.of(aDelivery("B").withRaw("quantity", "\"600\""), "quantity:WRONG_TYPE"),
                Arguments.of(aDelivery("B").withQuantity(0), "quantity:NOT_POSITIVE"),
                Arguments.of(aDelivery("B").withQuantity(-600), "quantity:NOT_POSITIVE"),
                Arguments.of(aDelivery("B").withAmount("0.00"), "settlementAmount:NOT_POSITIVE"),
                Arguments.of(aDelivery("B").withSecurity("US0378331006"), "security:INVALID_CHECK_DIGIT"),
                Arguments.of(
                        aDelivery("B").withIntendedSettlementDate("2026-11-19"),
                        "intendedSettlementDate:SETTLEMENT_BEFORE_TRADE_DATE"),
                Arguments.of(aDelivery("B").between("BRK001", "BRK001"), "counterparty:SAME_PARTY"),
                Arguments.of(aDelivery("B").withRaw("direction", "\"LEND\""), "direction:UNKNOWN_VALUE"),
                Arguments.of(
                        aDelivery("B")
                                .withRaw(
                                        "padding",
                                        "\"" + "x".repeat(SettlementInstructionDecoder.MAX_BODY_BYTES) + "\""),
                        "body:TOO_LARGE"));
    }

    @ParameterizedTest
    @MethodSource("invalidInstructions")
    void answersAnInvalidInstructionRejectedToItsPartyNamingTheField(Instructions invalid, String expected) {
        stage.process(List.of(inbound(invalid)));

        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.messageId()).isEqualTo("SR-" + invalid.journalKey());
            assertThat(report.inReplyTo()).isEqualTo(invalid.messageId());
            assertThat(report.instructionId()).isEqualTo(invalid.instructionId());
            assertThat(report.party()).isEqualTo(invalid.party());
            assertThat(report.status()).isEqualTo(SettlementStatus.REJECTED);
            assertThat(codes(report)).containsExactly(expected);
        });
        assertThat(envelopes()).singleElement().satisfies(envelope -> {
            assertThat(envelope.queue()).isEqualTo("settlements.status." + invalid.party());
        });
        assertThat(book.asked).as("nothing invalid is booked").isEmpty();
        assertThat(matching.records()).isEmpty();
        assertThat(book.rejected)
                .extracting(InstructionIntake.RejectedInput::inputKey)
                .containsExactly(invalid.journalKey());
        assertThat(metrics.rejectedCount()).isEqualTo(1);
    }

    @Test
    void answersEveryBadFieldOfAnInstructionInOneReport() {
        stage.process(List.of(inbound(aDelivery("B").withQuantity(0).withRaw("currency", "\"usd\""))));

        assertThat(reports()).singleElement().satisfies(report -> assertThat(codes(report))
                .containsExactlyInAnyOrder("quantity:NOT_POSITIVE", "currency:INVALID_FORMAT"));
    }

    @Test
    void answersMalformedJsonToAnUnknownRecipientInReplyToTheBrokersId() {
        String body = "{\"messageId\":\"BAD-01\",\"party\":\"DESK9\",\"quantity\":";
        stage.process(List.of(new InboundRecord("unidentified|ID:7", "ID:7", RECEIVED_AT, body, body.length())));

        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.messageId()).isEqualTo("SR-unidentified|ID:7");
            assertThat(report.inReplyTo()).isEqualTo("ID:7");
            assertThat(report.party()).isNull();
            assertThat(report.instructionId()).isNull();
            assertThat(codes(report)).containsExactly("body:MALFORMED_JSON");
        });
        assertThat(envelopes()).singleElement().satisfies(envelope -> assertThat(envelope.queue())
                .isEqualTo("settlements.status.unknown"));
        assertThat(book.rejected).singleElement().satisfies(rejection -> assertThat(rejection.party())
                .isNull());
    }

    @Test
    void answersABodyWhosePartyIsNotAStringToAnUnknownRecipientInReplyToItsMessageId() {
        Instructions invalid = aDelivery("B").withRaw("party", "42");
        String body = invalid.json();
        stage.process(List.of(new InboundRecord("unidentified|ID:8", "ID:8", RECEIVED_AT, body, body.length())));

        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.inReplyTo()).isEqualTo(invalid.messageId());
            assertThat(report.party()).isNull();
            assertThat(codes(report)).containsExactly("party:WRONG_TYPE");
        });
        assertThat(envelopes()).singleElement().satisfies(envelope -> assertThat(envelope.queue())
                .isEqualTo("settlements.status.unknown"));
    }

    @Test
    void rejectsATruncatedBodyAsTooLargeUnderThePartyAndIdTheGatewayRecorded() {
        stage.process(List.of(new InboundRecord("DESK9|BIG-1", "ID:2", RECEIVED_AT, "{\"messageId\":\"BI", 400_000)));

        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.messageId()).isEqualTo("SR-DESK9|BIG-1");
            assertThat(report.party()).isEqualTo("DESK9");
            assertThat(report.inReplyTo()).isEqualTo("BIG-1");
            assertThat(report.reasons())
                    .containsExactly(new StatusReason("body", "TOO_LARGE", "400000 bytes", "262144 bytes at most"));
        });
        assertThat(envelopes()).singleElement().satisfies(envelope -> assertThat(envelope.queue())
                .isEqualTo("settlements.status.DESK9"));
    }

    @Test
    void booksTheValidInstructionsOfAMixedBatchAndRejectsTheRest() {
        Instructions invalid = aDelivery("B").withQuantity(0);

        stage.process(List.of(inbound(aDelivery("P1")), inbound(invalid), inbound(aReceipt("P1"))));

        assertThat(book.asked)
                .extracting(booking -> booking.instruction().instructionId())
                .containsExactly("M-P1-1-DELIVER", "M-P1-1-RECEIVE");
        assertThat(commands())
                .extracting(SettlementCommand::instructionId)
                .containsExactly("M-P1-1-DELIVER", "M-P1-1-RECEIVE");
        assertThat(reports()).extracting(SettlementStatusReport::inReplyTo).containsExactly(invalid.messageId());
    }

    @Test
    void answersAReplayAsItWasAnsweredBeforeWithoutDecodingItAgain() {
        Instructions delivery = aDelivery("P1");
        // Rejected once with reasons a decoder would not give today (a business-date window that has moved).
        book.rejected.add(new InstructionIntake.RejectedInput(
                delivery.journalKey(),
                "BRK001",
                delivery.messageId(),
                delivery.instructionId(),
                List.of(new StatusReason("tradeDate", "OUTSIDE_WINDOW", "2026-11-20", null)),
                RECEIVED_AT));

        stage.process(List.of(inbound(delivery)));

        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.messageId()).isEqualTo("SR-" + delivery.journalKey());
            assertThat(report.instructionId()).isEqualTo(delivery.instructionId());
            assertThat(codes(report)).containsExactly("tradeDate:OUTSIDE_WINDOW");
        });
        assertThat(book.asked).as("nothing booked").isEmpty();
        assertThat(book.rejected).as("recorded once").hasSize(1);
        assertThat(matching.records()).isEmpty();
    }

    @Test
    void asksMatchingAgainForAnInstructionItBookedEvenIfItNoLongerDecodes() {
        Instructions delivery = aDelivery("P1");
        stage.process(List.of(inbound(delivery)));

        // The body no longer decodes (say, a rule added since); it was booked, and that is its answer.
        String changed = delivery.json().replace("\"USD\"", "\"usd\"");
        stage.process(List.of(
                new InboundRecord(delivery.journalKey(), "ID:broker-2", RECEIVED_AT, changed, changed.length())));

        assertThat(commands()).hasSize(2).containsOnly(commands().get(0));
        assertThat(matching.records())
                .extracting(RecordingStream.Put::partitionKey)
                .containsOnly("US0378331005|BRK001|IM042");
        assertThat(outbound.records()).isEmpty();
        assertThat(book.asked).hasSize(1);
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
        Instructions delivery = aDelivery("P1");

        stage.process(List.of(inbound(delivery).withVerdict(verdict, detail)));

        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.messageId()).isEqualTo("SR-" + delivery.journalKey());
            assertThat(report.inReplyTo()).isEqualTo(delivery.messageId());
            assertThat(report.party()).isEqualTo(delivery.party());
            assertThat(report.status()).isEqualTo(SettlementStatus.REJECTED);
            assertThat(report.reasons()).containsExactly(new StatusReason(field, verdict, detail, null));
        });
        assertThat(book.asked).as("a valid body with a verdict is not booked").isEmpty();
        assertThat(book.rejected)
                .extracting(InstructionIntake.RejectedInput::inputKey)
                .containsExactly(delivery.journalKey());
        assertThat(matching.records()).isEmpty();
    }

    @Test
    void answersAQuarantinedCutEchoToThePartyItsJournalKeyNames() {
        stage.process(List.of(new InboundRecord("DESK9|BIG-2", "ID:9", RECEIVED_AT, "{\"messageId\":\"BI", 400_000)
                .withVerdict(InboundRecord.QUARANTINED, "dynamodb refused it: item too large")));

        assertThat(reports()).singleElement().satisfies(report -> {
            assertThat(report.party()).isEqualTo("DESK9");
            assertThat(report.inReplyTo()).isEqualTo("BIG-2");
            assertThat(codes(report)).as("the verdict, not TOO_LARGE").containsExactly("body:QUARANTINED");
        });
        assertThat(envelopes()).singleElement().satisfies(envelope -> assertThat(envelope.queue())
                .isEqualTo("settlements.status.DESK9"));
    }

    @Test
    void makesTheBookDurableBeforePublishingAnything() {
        stage.process(List.of(inbound(aDelivery("P1")), inbound(aDelivery("B").withQuantity(0))));

        assertThat(log).containsExactly("book", "record rejections", "publish commands", "publish reports");
    }

    private List<String> notAuthorized() {
        return reports().stream()
                .flatMap(report -> report.reasons().stream())
                .filter(reason -> reason.code().equals(RejectionCode.NOT_AUTHORIZED.name()))
                .map(reason -> reason.field() + ": " + reason.ours())
                .toList();
    }

    @Test
    void booksADesksInstructionForItself() {
        Instructions own = aDelivery("D1").between("DESK001", "IM042");
        stage.process(List.of(sentBy("DESK001", own)));

        assertThat(book.asked).singleElement().satisfies(asked -> assertThat(asked.instruction())
                .isEqualTo(own.instruction()));
        assertThat(outbound.records()).isEmpty();
    }

    @Test
    void rejectsADesksInstructionForAnotherPartyAndAnswersTheDesk() {
        stage.process(List.of(sentBy("DESK001", aDelivery("D2").between("DESK002", "IM042"))));

        assertThat(book.asked).isEmpty();
        assertThat(notAuthorized())
                .containsExactly("party: party DESK002, but the connection is authenticated as DESK001");
        assertThat(envelopes()).singleElement().satisfies(envelope -> assertThat(envelope.queue())
                .isEqualTo("settlements.status.DESK001"));
    }

    @Test
    void rejectsAnInstructionFromAParticipantThatIsNoSettlementDeskOrFromNobody() {
        Instructions byBroker = aDelivery("D3").between("BRK001", "IM042");
        String body = byBroker.json();
        stage.process(List.of(
                sentBy("BRK001", byBroker),
                new InboundRecord("BRK001|" + byBroker.messageId() + "-2", "ID:9", RECEIVED_AT, body, body.length())));

        assertThat(book.asked).isEmpty();
        assertThat(notAuthorized())
                .containsExactly(
                        "party: BRK001 does not hold the role SETTLEMENT_DESK (it holds [BROKER])",
                        "party: party BRK001, but the broker authenticated no sender");
    }
}
