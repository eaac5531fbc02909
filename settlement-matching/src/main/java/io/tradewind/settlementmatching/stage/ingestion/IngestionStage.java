package io.tradewind.settlementmatching.stage.ingestion;

import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.settlement.SettlementInstructionDecoder;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.settlement.SettlementStatusReport;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.wire.Envelope;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.gateway.InboundRecord;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.OutboundRecord;
import io.tradewind.platform.stream.Stage;
import io.tradewind.settlementmatching.flow.Brokers;
import io.tradewind.settlementmatching.flow.SettlementCommand;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ingestion: every journaled instruction leaves here as either a command for matching (booked) or a REJECTED status
 * report to its party naming each bad field. Published after the book is durable.
 */
public final class IngestionStage implements Stage<InboundRecord> {
    public static final String STATUS_QUEUE = "settlements.status";
    static final String UNKNOWN_RECIPIENT = "unknown";

    private final SettlementInstructionDecoder decoder;
    private final InstructionIntake book;
    private final KinesisPublisher toMatching;
    private final KinesisPublisher toOutbound;
    private final Clock clock;
    private final StageMetrics metrics;

    public IngestionStage(
            SettlementInstructionDecoder decoder,
            InstructionIntake book,
            KinesisPublisher toMatching,
            KinesisPublisher toOutbound,
            Clock clock,
            StageMetrics metrics) {
        this.decoder = decoder;
        this.book = book;
        this.toMatching = toMatching;
        this.toOutbound = toOutbound;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public void process(List<InboundRecord> batch) {
        // Decode everything and book the valid instructions in one transaction, then answer in arrival order.
        List<InstructionIntake.RejectedInput> rejections = new ArrayList<>();
        List<InstructionIntake.NewInstruction> toBook = new ArrayList<>();
        List<InboundRecord> booked = new ArrayList<>();
        for (InboundRecord record : batch) {
            if (record.truncated()) {
                rejections.add(rejection(
                        record,
                        List.of(new StatusReason(
                                "body",
                                "TOO_LARGE",
                                record.originalBytes() + " bytes",
                                SettlementInstructionDecoder.MAX_BODY_BYTES + " bytes at most"))));
                continue;
            }
            DecodeResult<SettlementInstruction> decoded = decoder.decode(record.body());
            if (decoded instanceof DecodeResult.Rejected<SettlementInstruction> rejected) {
                rejections.add(rejection(record, StatusReason.ofAll(rejected.reasons())));
            } else {
                SettlementInstruction instruction = ((DecodeResult.Valid<SettlementInstruction>) decoded).message();
                toBook.add(new InstructionIntake.NewInstruction(instruction, record.journalKey(), record.receivedAt()));
                booked.add(record);
            }
        }
        List<InstructionIntake.Booking> bookings = toBook.isEmpty() ? List.of() : book.bookAll(toBook);
        List<OutboundRecord> commands = new ArrayList<>();
        for (int i = 0; i < bookings.size(); i++) {
            InstructionIntake.Booking booking = bookings.get(i);
            SettlementInstruction instruction = toBook.get(i).instruction();
            if (booking instanceof InstructionIntake.Booked done) {
                commands.add(new OutboundRecord(
                        done.partitionKey(),
                        FlowJson.encode(new SettlementCommand(
                                done.instructionId(), booked.get(i).journalKey(), instruction.messageId()))));
            } else if (booking instanceof InstructionIntake.DuplicateInstructionId duplicate) {
                rejections.add(rejection(
                        booked.get(i),
                        List.of(new StatusReason(
                                "instructionId",
                                "DUPLICATE_INSTRUCTION_ID",
                                instruction.instructionId(),
                                "booked by message " + duplicate.bookedByMessageId()))));
            }
        }
        book.recordRejections(rejections);
        toMatching.publishAll(commands);
        toOutbound.publishAll(rejections.stream().map(IngestionStage::report).toList());
        metrics.rejected(rejections.size());
    }

    private InstructionIntake.RejectedInput rejection(InboundRecord record, List<StatusReason> reasons) {
        SettlementInstructionDecoder.ReadableIdentity identity =
                SettlementInstructionDecoder.readableIdentity(record.body());
        // A truncated body no longer parses, but the gateway keyed it by the party and id of the whole body.
        Optional<Envelope> keyed = Envelope.fromJournalKey(record.journalKey());
        return new InstructionIntake.RejectedInput(
                record.journalKey(),
                identity.party() != null
                        ? identity.party()
                        : keyed.map(Envelope::senderId).orElse(null),
                identity.messageId() != null
                        ? identity.messageId()
                        : keyed.map(Envelope::messageId).orElse(record.brokerMessageId()),
                identity.instructionId(),
                reasons,
                clock.instant());
    }

    private static OutboundRecord report(InstructionIntake.RejectedInput rejection) {
        SettlementStatusReport report = new SettlementStatusReport(
                "SR-" + rejection.inputKey(),
                rejection.messageId(),
                rejection.instructionId(),
                rejection.party(),
                SettlementStatus.REJECTED,
                null,
                null,
                rejection.reasons());
        OutboundEnvelope envelope = new OutboundEnvelope(
                Brokers.SETTLEMENT_MATCHING,
                STATUS_QUEUE,
                report.messageId(),
                rejection.party() == null ? UNKNOWN_RECIPIENT : rejection.party(),
                WireCodec.encode(report));
        return new OutboundRecord(rejection.inputKey(), FlowJson.encode(envelope));
    }
}
