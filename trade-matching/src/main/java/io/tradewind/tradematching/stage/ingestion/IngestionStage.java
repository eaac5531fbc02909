package io.tradewind.tradematching.stage.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.StatusReport;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.wire.Envelope;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.model.wire.WireJson;
import io.tradewind.platform.gateway.InboundRecord;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.OutboundRecord;
import io.tradewind.platform.stream.Stage;
import io.tradewind.tradematching.flow.Brokers;
import io.tradewind.tradematching.flow.TradeCommand;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingestion: every journaled message leaves here as either a command for matching (a booked NEW, a CANCEL of a known
 * trade) or a REJECTED status report naming each bad field. Published after the book is durable.
 */
public final class IngestionStage implements Stage<InboundRecord> {
    public static final String STATUS_QUEUE = "trades.status";
    /** Where settlement-matching confirms settled allocations; the gateway tags its records with this source. */
    public static final String CONFIRMATIONS_QUEUE = "settlements.confirmations";

    private static final Logger log = LoggerFactory.getLogger(IngestionStage.class);
    static final String UNKNOWN_RECIPIENT = "unknown";

    private final TradeMessageDecoder decoder;
    private final TradeIntake book;
    private final KinesisPublisher toMatching;
    private final KinesisPublisher toOutbound;
    private final Clock clock;
    private final StageMetrics metrics;

    public IngestionStage(
            TradeMessageDecoder decoder,
            TradeIntake book,
            KinesisPublisher toMatching,
            KinesisPublisher toOutbound,
            Clock clock,
            StageMetrics metrics) {
        this.metrics = metrics;
        this.decoder = decoder;
        this.book = book;
        this.toMatching = toMatching;
        this.toOutbound = toOutbound;
        this.clock = clock;
    }

    @Override
    public void process(List<InboundRecord> batch) {
        // First decode everything and book every valid NEW in one transaction; then answer in arrival order, so a
        // CANCEL later in the batch finds the trade it cancels and its command follows the trade's own.
        List<Object> answers = new ArrayList<>(batch.size());
        List<TradeIntake.NewTrade> toBook = new ArrayList<>();
        List<TradeIntake.RejectedInput> unreported = new ArrayList<>();
        for (InboundRecord record : batch) {
            if (record.cameFrom(CONFIRMATIONS_QUEUE)) {
                answers.add(confirmation(record, unreported));
                continue;
            }
            if (record.truncated()) {
                answers.add(rejection(
                        record,
                        List.of(new StatusReason(
                                "body",
                                "TOO_LARGE",
                                record.originalBytes() + " bytes",
                                TradeMessageDecoder.MAX_BODY_BYTES + " bytes at most"))));
                continue;
            }
            DecodeResult<TradeMessage> decoded = decoder.decode(record.body());
            if (decoded instanceof DecodeResult.Rejected<TradeMessage> rejected) {
                answers.add(rejection(record, StatusReason.ofAll(rejected.reasons())));
            } else {
                TradeMessage message = ((DecodeResult.Valid<TradeMessage>) decoded).message();
                if (!message.isCancel())
                    toBook.add(new TradeIntake.NewTrade(message, record.journalKey(), record.receivedAt()));
                answers.add(message);
            }
        }
        List<TradeIntake.Booking> bookings = toBook.isEmpty() ? List.of() : book.bookAll(toBook);

        List<OutboundRecord> commands = new ArrayList<>();
        List<TradeIntake.RejectedInput> rejections = new ArrayList<>();
        int booked = 0;
        for (int i = 0; i < batch.size(); i++) {
            Object answer = answers.get(i);
            if (answer == null) continue; // a confirmation that was rejected, recorded below without a report
            if (answer instanceof TradeIntake.RejectedInput rejection) rejections.add(rejection);
            else if (answer instanceof OutboundRecord settle) commands.add(settle);
            else if (((TradeMessage) answer).isCancel())
                cancel(batch.get(i), (TradeMessage) answer, commands, rejections);
            else answerBooking(batch.get(i), (TradeMessage) answer, bookings.get(booked++), commands, rejections);
        }
        List<TradeIntake.RejectedInput> recorded = new ArrayList<>(rejections);
        recorded.addAll(unreported);
        book.recordRejections(recorded);
        toMatching.publishAll(commands);
        toOutbound.publishAll(rejections.stream().map(IngestionStage::report).toList());
        metrics.rejected(recorded.size());
    }

    /**
     * A settlement confirmation becomes a SETTLE command for its pair, partitioned by match id. One that breaks the
     * contract is a bug in settlement-matching, not a counterparty's error: it is recorded as rejected and logged
     * loudly, and no status report goes to counterparties; its raw body stays in the journal.
     */
    private OutboundRecord confirmation(InboundRecord record, List<TradeIntake.RejectedInput> unreported) {
        try {
            if (record.truncated()) throw new IllegalArgumentException("confirmation over the journal's size limit");
            SettlementConfirmation confirmation = WireCodec.decodeConfirmation(record.body());
            return command(
                    confirmation.matchId(),
                    TradeCommand.settle(
                            confirmation.matchId(),
                            confirmation.allocationId(),
                            record.journalKey(),
                            confirmation.messageId()));
        } catch (IllegalArgumentException e) {
            log.error(
                    "rejected settlement confirmation {}: {}; body {}",
                    record.journalKey(),
                    e.getMessage(),
                    record.body());
            unreported.add(new TradeIntake.RejectedInput(
                    record.journalKey(),
                    Brokers.SETTLEMENT_MATCHING,
                    record.brokerMessageId(),
                    null,
                    List.of(new StatusReason("body", "INVALID_CONFIRMATION", e.getMessage(), null)),
                    clock.instant()));
            return null;
        }
    }

    private void answerBooking(
            InboundRecord record,
            TradeMessage message,
            TradeIntake.Booking booking,
            List<OutboundRecord> commands,
            List<TradeIntake.RejectedInput> rejections) {
        if (booking instanceof TradeIntake.Booked done) {
            commands.add(command(
                    done.partitionKey(),
                    new TradeCommand(
                            TradeCommand.Kind.MATCH, done.tradeId(), record.journalKey(), message.messageId())));
        } else if (booking instanceof TradeIntake.DuplicateTradeRef duplicate) {
            rejections.add(rejection(
                    record,
                    List.of(new StatusReason(
                            "tradeRef",
                            "DUPLICATE_TRADE_REF",
                            message.tradeRef(),
                            "booked by message " + duplicate.bookedByMessageId()))));
        }
    }

    private void cancel(
            InboundRecord record,
            TradeMessage message,
            List<OutboundRecord> commands,
            List<TradeIntake.RejectedInput> rejections) {
        String tradeId = tradeId(message.senderId(), message.tradeRef());
        Optional<String> partitionKey = book.partitionKeyOf(tradeId);
        if (partitionKey.isEmpty()) {
            rejections.add(rejection(
                    record, List.of(new StatusReason("tradeRef", "UNKNOWN_TRADE", message.tradeRef(), null))));
            return;
        }
        commands.add(command(
                partitionKey.get(),
                new TradeCommand(TradeCommand.Kind.CANCEL, tradeId, record.journalKey(), message.messageId())));
    }

    /** The trade id the wire contract implies: unique per sender and trade reference. */
    public static String tradeId(String senderId, String tradeRef) {
        return senderId + "|" + tradeRef;
    }

    private TradeIntake.RejectedInput rejection(InboundRecord record, List<StatusReason> reasons) {
        // A truncated body no longer parses, but the gateway keyed it by the sender and id of the whole body.
        Optional<Envelope> envelope =
                Envelope.peek(record.body()).or(() -> Envelope.fromJournalKey(record.journalKey()));
        return new TradeIntake.RejectedInput(
                record.journalKey(),
                envelope.map(Envelope::senderId).orElse(null),
                envelope.map(Envelope::messageId).orElse(record.brokerMessageId()),
                readableTradeRef(record.body()),
                reasons,
                clock.instant());
    }

    /** The tradeRef a rejected body names, if it is readable JSON with a textual tradeRef: it helps the sender. */
    private static String readableTradeRef(String body) {
        try {
            JsonNode tradeRef = WireJson.mapper().readTree(body).get("tradeRef");
            return tradeRef != null
                            && tradeRef.isTextual()
                            && !tradeRef.asText().isBlank()
                    ? tradeRef.asText()
                    : null;
        } catch (IOException | RuntimeException unreadable) {
            return null; // the reasons already say why the body could not be read
        }
    }

    private static OutboundRecord command(String partitionKey, TradeCommand command) {
        return new OutboundRecord(partitionKey, FlowJson.encode(command));
    }

    private static OutboundRecord report(TradeIntake.RejectedInput rejection) {
        String recipient = rejection.senderId() == null ? UNKNOWN_RECIPIENT : rejection.senderId();
        StatusReport report = new StatusReport(
                "TR-" + rejection.inputKey(),
                rejection.messageId(),
                rejection.tradeRef(),
                rejection.senderId(),
                TradeStatus.REJECTED,
                null,
                null,
                rejection.reasons());
        OutboundEnvelope envelope = new OutboundEnvelope(
                Brokers.TRADE_MATCHING, STATUS_QUEUE, report.messageId(), recipient, WireCodec.encode(report));
        return new OutboundRecord(rejection.inputKey(), FlowJson.encode(envelope));
    }
}
