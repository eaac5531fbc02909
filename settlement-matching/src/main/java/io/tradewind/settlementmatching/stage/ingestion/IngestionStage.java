package io.tradewind.settlementmatching.stage.ingestion;

import io.tradewind.model.participant.Role;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.settlement.SettlementInstructionDecoder;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.settlement.SettlementStatusReport;
import io.tradewind.model.topology.App;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.wire.Envelope;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.app.IngestionPorts;
import io.tradewind.platform.gateway.InboundRecord;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.participant.SenderAuthorization;
import io.tradewind.platform.stream.Ordered;
import io.tradewind.platform.stream.Stage;
import io.tradewind.settlementmatching.flow.SettlementCommand;
import io.tradewind.settlementmatching.flow.SettlementEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ingestion: every journaled instruction leaves here as either a command for matching (booked) or a REJECTED status
 * report to its party naming each bad field (or the gateway's verdict). Each input is decided once: a replay gets the
 * answer recorded the first time. Published after the book is durable.
 */
public final class IngestionStage implements Stage<InboundRecord> {
    static final String UNKNOWN_RECIPIENT = "unknown";

    private final SettlementInstructionDecoder decoder;
    private final InstructionIntake book;
    private final IngestionPorts<SettlementCommand> ports;
    private final SenderAuthorization authorization;
    private final Clock clock;

    public IngestionStage(
            SettlementInstructionDecoder decoder,
            InstructionIntake book,
            IngestionPorts<SettlementCommand> ports,
            SenderAuthorization authorization,
            Clock clock) {
        this.decoder = decoder;
        this.book = book;
        this.ports = ports;
        this.authorization = authorization;
        this.clock = clock;
    }

    /** The inbound message's journal key (sender and messageId), on the log lines about it. */
    @Override
    public String idOf(InboundRecord input) {
        return input.journalKey();
    }

    @Override
    public void process(List<InboundRecord> batch) {
        // One read of the rejections recorded before; decode the rest (and, if the decoder refuses any, one read of
        // whether they booked their instruction before); book the valid instructions in one transaction; then answer
        // in arrival order.
        Map<String, InstructionIntake.RejectedInput> rejectedBefore = book.rejectedBefore(
                batch.stream().map(InboundRecord::journalKey).toList());
        List<Object> answers = new ArrayList<>(batch.size());
        for (InboundRecord record : batch) answers.add(answer(record, rejectedBefore.get(record.journalKey())));
        settleInvalid(batch, answers);
        List<InstructionIntake.NewInstruction> toBook = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++)
            if (answers.get(i) instanceof SettlementInstruction instruction)
                toBook.add(new InstructionIntake.NewInstruction(
                        instruction, batch.get(i).journalKey(), batch.get(i).receivedAt()));
        List<InstructionIntake.Booking> bookings = toBook.isEmpty() ? List.of() : book.bookAll(toBook);

        List<Ordered<SettlementCommand>> commands = new ArrayList<>();
        List<InstructionIntake.RejectedInput> recorded = new ArrayList<>();
        List<InstructionIntake.RejectedInput> reported = new ArrayList<>();
        int booked = 0;
        for (int i = 0; i < batch.size(); i++) {
            InboundRecord record = batch.get(i);
            Object answer = answers.get(i);
            if (answer instanceof InstructionIntake.BookedBefore before) {
                commands.add(command(before.partitionKey(), before.instructionId(), record, before.messageId()));
            } else if (answer instanceof Repeat repeat) {
                reported.add(repeat.rejection());
            } else if (answer instanceof InstructionIntake.RejectedInput rejection) {
                recorded.add(rejection);
                reported.add(rejection);
            } else {
                SettlementInstruction instruction = (SettlementInstruction) answer;
                InstructionIntake.Booking booking = bookings.get(booked++);
                if (booking instanceof InstructionIntake.Booked done) {
                    commands.add(command(done.partitionKey(), done.instructionId(), record, instruction.messageId()));
                } else if (booking instanceof InstructionIntake.DuplicateInstructionId duplicate) {
                    InstructionIntake.RejectedInput rejection = rejection(
                            record,
                            List.of(new StatusReason(
                                    "instructionId",
                                    "DUPLICATE_INSTRUCTION_ID",
                                    instruction.instructionId(),
                                    "booked by message " + duplicate.bookedByMessageId())));
                    recorded.add(rejection);
                    reported.add(rejection);
                }
            }
        }
        book.recordRejections(recorded);
        ports.toMatching().publishAll(commands);
        ports.toOutbound()
                .publishAll(reported.stream().map(IngestionStage::report).toList());
        ports.metrics().rejected(reported.size());
    }

    /** A rejection recorded before, answered again as it was. */
    private record Repeat(InstructionIntake.RejectedInput rejection) {}

    /**
     * Refused by the decoder now: rejected, unless this very input booked the instruction its body names before (the
     * decoder has changed since, and the instruction stays booked).
     */
    private record Invalid(InstructionIntake.RejectedInput rejection) {}

    /**
     * What to answer one input before anything is booked: the rejection recorded before ({@link Repeat}), rejected now
     * ({@link InstructionIntake.RejectedInput}, {@link Invalid}), or the instruction to book. An input rejected before
     * is not decoded again.
     */
    private Object answer(InboundRecord record, InstructionIntake.RejectedInput before) {
        if (before != null) return new Repeat(namingInstruction(before, record));
        if (record.hasVerdict()) return rejection(record, List.of(record.verdictReason()));
        if (record.truncated())
            return rejection(
                    record,
                    List.of(new StatusReason(
                            "body",
                            "TOO_LARGE",
                            record.originalBytes() + " bytes",
                            SettlementInstructionDecoder.MAX_BODY_BYTES + " bytes at most")));
        DecodeResult<SettlementInstruction> decoded = decoder.decode(record.body());
        if (decoded instanceof DecodeResult.Rejected<SettlementInstruction> rejected)
            return new Invalid(rejection(record, StatusReason.ofAll(rejected.reasons())));
        SettlementInstruction instruction = ((DecodeResult.Valid<SettlementInstruction>) decoded).message();
        return authorized(record, instruction)
                .<Object>map(refused -> rejection(record, List.of(refused)))
                .orElse(instruction);
    }

    /**
     * Trade matching instructs for the parties of the trades it matched; any other sender is a settlement desk
     * instructing for itself: the instruction's party must be the participant the broker authenticated, active, in the
     * role SETTLEMENT_DESK.
     */
    private Optional<StatusReason> authorized(InboundRecord record, SettlementInstruction instruction) {
        if (SenderAuthorization.isService(record.authenticatedSender(), ServiceIdentity.TRADE_MATCHING))
            return Optional.empty();
        return authorization.participant(
                record.authenticatedSender(), "party", instruction.party(), null, Role.SETTLEMENT_DESK);
    }

    /**
     * Decides the inputs the decoder refused, in one read: one that booked the instruction its body names stays booked
     * (matching is asked again); the others are rejected.
     */
    private void settleInvalid(List<InboundRecord> batch, List<Object> answers) {
        Map<String, String> instructionIdByInputKey = new HashMap<>();
        for (int i = 0; i < batch.size(); i++)
            if (answers.get(i) instanceof Invalid invalid && invalid.rejection().instructionId() != null)
                instructionIdByInputKey.put(
                        batch.get(i).journalKey(), invalid.rejection().instructionId());
        Map<String, InstructionIntake.BookedBefore> booked =
                instructionIdByInputKey.isEmpty() ? Map.of() : book.bookedBefore(instructionIdByInputKey);
        for (int i = 0; i < batch.size(); i++)
            if (answers.get(i) instanceof Invalid invalid) {
                InstructionIntake.BookedBefore instruction =
                        booked.get(batch.get(i).journalKey());
                answers.set(i, instruction != null ? instruction : invalid.rejection());
            }
    }

    /** A rejection recorded before rejections kept the instructionId, with the one its body names. */
    private static InstructionIntake.RejectedInput namingInstruction(
            InstructionIntake.RejectedInput rejection, InboundRecord record) {
        if (rejection.instructionId() != null) return rejection;
        return new InstructionIntake.RejectedInput(
                rejection.inputKey(),
                rejection.party(),
                rejection.messageId(),
                SettlementInstructionDecoder.readableIdentity(record.body()).instructionId(),
                rejection.reasons(),
                rejection.rejectedAt());
    }

    private static Ordered<SettlementCommand> command(
            String partitionKey, String instructionId, InboundRecord record, String messageId) {
        return new Ordered<>(partitionKey, new SettlementCommand(instructionId, record.journalKey(), messageId));
    }

    /**
     * An input a store refused, now in the quarantine: answered REJECTED {@code QUARANTINED} to its party as a gateway
     * verdict is, from a short echo of its body, so the answer holds nothing the store could refuse again.
     */
    @Override
    public void onQuarantined(InboundRecord record, String reason) {
        process(List.of(record.quarantined(reason)));
    }

    private InstructionIntake.RejectedInput rejection(InboundRecord record, List<StatusReason> reasons) {
        SettlementInstructionDecoder.ReadableIdentity identity =
                SettlementInstructionDecoder.readableIdentity(record.body());
        // A truncated body no longer parses, but the gateway keyed it by the party and id of the whole body.
        Optional<Envelope> keyed = Envelope.fromJournalKey(record.journalKey());
        return new InstructionIntake.RejectedInput(
                record.journalKey(),
                recipientOf(
                        record, identity.party(), keyed.map(Envelope::senderId).orElse(null)),
                identity.messageId() != null
                        ? identity.messageId()
                        : keyed.map(Envelope::messageId).orElse(record.brokerMessageId()),
                identity.instructionId(),
                reasons,
                clock.instant());
    }

    /**
     * Who a rejection is answered to: the participant the broker authenticated, never a party the body merely names;
     * trade matching's own instructions (a bug there, not a counterparty's error) are answered to the party their body
     * names, or to no one when it names none (a body too large to keep). Without an authenticated sender, the party
     * the body or the journal key names.
     */
    private static String recipientOf(InboundRecord record, String bodyParty, String keyedSender) {
        String sender = record.authenticatedSender();
        if (sender == null) return bodyParty != null ? bodyParty : keyedSender;
        if (SenderAuthorization.isService(sender, ServiceIdentity.TRADE_MATCHING)) return bodyParty;
        return sender;
    }

    private static Ordered<OutboundEnvelope> report(InstructionIntake.RejectedInput rejection) {
        SettlementStatusReport report = new SettlementStatusReport(
                SettlementEvent.rejectionReportId(rejection.inputKey()),
                rejection.messageId(),
                rejection.instructionId(),
                rejection.party(),
                SettlementStatus.REJECTED,
                null,
                null,
                rejection.reasons());
        OutboundEnvelope envelope = OutboundEnvelope.statusReport(
                App.SETTLEMENT_MATCHING,
                rejection.party() == null ? UNKNOWN_RECIPIENT : rejection.party(),
                report.messageId(),
                WireCodec.encode(report));
        return new Ordered<>(rejection.inputKey(), envelope);
    }
}
