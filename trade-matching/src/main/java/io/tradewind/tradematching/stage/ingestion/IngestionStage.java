package io.tradewind.tradematching.stage.ingestion;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradewind.model.participant.Role;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.StatusReport;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.wire.Envelope;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.model.wire.WireJson;
import io.tradewind.model.wire.WireLimits;
import io.tradewind.platform.app.IngestionPorts;
import io.tradewind.platform.gateway.InboundRecord;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.participant.SenderAuthorization;
import io.tradewind.platform.stream.Ordered;
import io.tradewind.platform.stream.Stage;
import io.tradewind.tradematching.domain.TradeSide;
import io.tradewind.tradematching.flow.TradeCommand;
import io.tradewind.tradematching.flow.TradeEvent;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.BookedBefore;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.HeldCancel;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.RejectedInput;
import io.tradewind.tradematching.stage.ingestion.TradeIntake.ReleasedCancel;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingestion: every journaled message leaves here as either a command for matching (a booked NEW, a CANCEL of a booked
 * trade), a REJECTED status report naming each bad field, or a CANCEL held until its trade is booked. Each input is
 * decided once: a replay gets the answer recorded the first time. Published after the book is durable.
 *
 * <p>A CANCEL can overtake its NEW (several gateway consumers, a replay), so one whose trade is not booked yet is held,
 * not rejected. Booking the trade releases it: matching gets the NEW's command and then the CANCEL's, under one
 * partition key. A hold nobody releases within the grace period is answered UNKNOWN_TRADE by {@link HeldCancelSweep}.
 */
public final class IngestionStage implements Stage<InboundRecord> {
    /** Where settlement-matching confirms settled allocations; the gateway tags its records with this source. */
    private static final String CONFIRMATIONS_QUEUE = Queues.SETTLEMENTS_CONFIRMATIONS;

    private static final Logger log = LoggerFactory.getLogger(IngestionStage.class);
    static final String UNKNOWN_RECIPIENT = "unknown";

    private final TradeMessageDecoder decoder;
    private final TradeIntake book;
    private final IngestionPorts<TradeCommand> ports;
    private final SenderAuthorization authorization;
    private final Clock clock;

    public IngestionStage(
            TradeMessageDecoder decoder,
            TradeIntake book,
            IngestionPorts<TradeCommand> ports,
            SenderAuthorization authorization,
            Clock clock) {
        this.decoder = decoder;
        this.book = book;
        this.ports = ports;
        this.authorization = authorization;
        this.clock = clock;
    }

    /** What ingestion answers one input. */
    private sealed interface Answer permits RejectedBefore, Rejected, Invalid, MatchAgain, Settle, New, Cancel {}

    /** Rejected before: the same report again, recorded nowhere new (and none for a confirmation). */
    private record RejectedBefore(RejectedInput rejection) implements Answer {}

    /** Rejected now: recorded, and reported unless nobody is answered for it (a settlement confirmation). */
    private record Rejected(RejectedInput rejection, boolean reported) implements Answer {}

    /**
     * Refused by the decoder now: rejected, unless this very input booked the trade its body names before (the decoder
     * has changed since, and the NEW stays booked).
     */
    private record Invalid(RejectedInput rejection, String tradeId) implements Answer {}

    /** A NEW booked before: matching is asked again, as the first time. */
    private record MatchAgain(BookedBefore trade) implements Answer {}

    private record Settle(Ordered<TradeCommand> command) implements Answer {}

    private record New(TradeMessage trade) implements Answer {}

    private record Cancel(HeldCancel cancel) implements Answer {}

    /** The inbound message's journal key (sender and messageId), on the log lines about it. */
    @Override
    public String idOf(InboundRecord input) {
        return input.journalKey();
    }

    @Override
    public void process(List<InboundRecord> batch) {
        // One read of the rejections recorded before; decode the rest (and, if the decoder refuses any, one read of
        // whether they booked their trade before); book every valid NEW in one transaction and hold every CANCEL of a
        // trade not booked in another; then answer in arrival order.
        Map<String, RejectedInput> rejectedBefore = book.rejectedBefore(
                batch.stream().map(InboundRecord::journalKey).toList());
        List<Answer> answers = new ArrayList<>(batch.size());
        for (InboundRecord record : batch) answers.add(answer(record, rejectedBefore.get(record.journalKey())));
        settleInvalid(batch, answers);

        List<TradeIntake.NewTrade> toBook = new ArrayList<>();
        Set<String> matchedAgain = new LinkedHashSet<>();
        List<HeldCancel> cancels = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Answer answer = answers.get(i);
            if (answer instanceof New trade)
                toBook.add(new TradeIntake.NewTrade(
                        trade.trade(), batch.get(i).journalKey(), batch.get(i).receivedAt()));
            else if (answer instanceof Cancel cancel) cancels.add(cancel.cancel());
            else if (answer instanceof MatchAgain again)
                matchedAgain.add(again.trade().tradeId());
        }
        TradeIntake.Bookings bookings = toBook.isEmpty() && matchedAgain.isEmpty()
                ? new TradeIntake.Bookings(List.of(), List.of())
                : book.bookAll(toBook, matchedAgain);
        Map<String, String> bookedTrades = cancels.isEmpty() ? Map.of() : book.holdUnbooked(cancels, clock.instant());
        long held = cancels.stream()
                .filter(cancel -> !bookedTrades.containsKey(cancel.tradeId()))
                .count();
        if (held > 0) log.info("holding {} cancels whose trade is not booked yet", held);

        Set<String> matchedNow = new HashSet<>(matchedAgain);
        for (TradeIntake.Booking booking : bookings.bookings())
            if (booking instanceof TradeIntake.Booked done) matchedNow.add(done.tradeId());
        Commands commands = new Commands(matchedNow, bookings.released());
        List<RejectedInput> recorded = new ArrayList<>();
        List<RejectedInput> reported = new ArrayList<>();
        int rejected = 0;
        int booked = 0;
        for (int i = 0; i < batch.size(); i++) {
            InboundRecord record = batch.get(i);
            Answer answer = answers.get(i);
            if (answer instanceof RejectedBefore before) {
                if (!record.cameFrom(CONFIRMATIONS_QUEUE)) {
                    reported.add(namingTradeRef(before.rejection(), record));
                    rejected++;
                }
            } else if (answer instanceof Rejected rejection) {
                recorded.add(rejection.rejection());
                if (rejection.reported()) reported.add(rejection.rejection());
                rejected++;
            } else if (answer instanceof MatchAgain again) {
                BookedBefore trade = again.trade();
                commands.match(trade.tradeId(), trade.partitionKey(), record.journalKey(), trade.messageId());
            } else if (answer instanceof Settle settle) {
                commands.add(settle.command());
            } else if (answer instanceof Cancel cancel) {
                // A trade not booked holds its cancel, answered when the trade is booked or the grace runs out.
                String partitionKey = bookedTrades.get(cancel.cancel().tradeId());
                if (partitionKey != null) commands.cancel(cancel.cancel(), partitionKey);
            } else {
                TradeMessage trade = ((New) answer).trade();
                TradeIntake.Booking booking = bookings.bookings().get(booked++);
                if (booking instanceof TradeIntake.Booked done)
                    commands.match(done.tradeId(), done.partitionKey(), record.journalKey(), trade.messageId());
                else {
                    RejectedInput duplicate = rejection(
                            record,
                            List.of(new StatusReason(
                                    "tradeRef",
                                    "DUPLICATE_TRADE_REF",
                                    trade.tradeRef(),
                                    "booked by message "
                                            + ((TradeIntake.DuplicateTradeRef) booking).bookedByMessageId())));
                    recorded.add(duplicate);
                    reported.add(duplicate);
                    rejected++;
                }
            }
        }
        book.recordRejections(recorded);
        ports.toMatching().publishAll(commands.inOrder());
        ports.toOutbound()
                .publishAll(reported.stream().map(IngestionStage::report).toList());
        ports.metrics().rejected(rejected);
    }

    /** What to answer one input before anything is booked: an input rejected before is not decoded again. */
    private Answer answer(InboundRecord record, RejectedInput before) {
        if (before != null) return new RejectedBefore(before);
        if (record.cameFrom(CONFIRMATIONS_QUEUE)) return confirmation(record);
        if (record.hasVerdict()) return new Rejected(rejection(record, List.of(record.verdictReason())), true);
        if (record.truncated())
            return new Rejected(
                    rejection(
                            record,
                            List.of(new StatusReason(
                                    "body",
                                    "TOO_LARGE",
                                    record.originalBytes() + " bytes",
                                    TradeMessageDecoder.MAX_BODY_BYTES + " bytes at most"))),
                    true);
        DecodeResult<TradeMessage> decoded = decoder.decode(record.body());
        if (decoded instanceof DecodeResult.Rejected<TradeMessage> invalid) {
            RejectedInput rejection = rejection(record, StatusReason.ofAll(invalid.reasons()));
            String sender = Envelope.peek(record.body()).map(Envelope::senderId).orElse(null);
            return new Invalid(
                    rejection,
                    sender == null || rejection.tradeRef() == null ? null : tradeId(sender, rejection.tradeRef()));
        }
        TradeMessage message = ((DecodeResult.Valid<TradeMessage>) decoded).message();
        // The body's sender must be the participant the broker authenticated, registered, active and in the role it
        // claims; a CANCEL then names a trade of the sender's own, as its trade id is the sender's.
        Optional<StatusReason> refused = authorization.participant(
                record.authenticatedSender(),
                "senderId",
                message.senderId(),
                "senderRole",
                Role.of(message.senderRole()));
        if (refused.isPresent()) return new Rejected(rejection(record, List.of(refused.get())), true);
        if (!message.isCancel()) return new New(message);
        return new Cancel(new HeldCancel(
                tradeId(message.senderId(), message.tradeRef()),
                record.journalKey(),
                message.messageId(),
                message.senderId(),
                message.tradeRef(),
                record.receivedAt()));
    }

    /**
     * Decides the inputs the decoder refused, in one read: a NEW that booked the trade its body names stays booked
     * (matching is asked again); the others are rejected.
     */
    private void settleInvalid(List<InboundRecord> batch, List<Answer> answers) {
        Map<String, String> tradeIdByInputKey = new HashMap<>();
        for (int i = 0; i < batch.size(); i++)
            if (answers.get(i) instanceof Invalid invalid && invalid.tradeId() != null)
                tradeIdByInputKey.put(batch.get(i).journalKey(), invalid.tradeId());
        Map<String, BookedBefore> booked =
                tradeIdByInputKey.isEmpty() ? Map.of() : book.bookedBefore(tradeIdByInputKey);
        for (int i = 0; i < batch.size(); i++)
            if (answers.get(i) instanceof Invalid invalid) {
                BookedBefore trade = booked.get(batch.get(i).journalKey());
                answers.set(i, trade != null ? new MatchAgain(trade) : new Rejected(invalid.rejection(), true));
            }
    }

    /**
     * The commands of one batch for matching, in arrival order, except that a CANCEL never goes before its trade's
     * MATCH: released cancels (held by earlier batches, oldest first) and cancels that overtook their NEW within the
     * batch follow the MATCH at once. Each cancel goes once.
     */
    private static final class Commands {
        private final List<Ordered<TradeCommand>> inOrder = new ArrayList<>();
        /** Trades whose MATCH this batch sends but has not yet: their cancels wait for it. */
        private final Set<String> matchesAhead;

        private final Map<String, List<Ordered<TradeCommand>>> waiting = new LinkedHashMap<>();
        private final Set<String> cancelKeys = new HashSet<>();

        Commands(Set<String> matchedNow, List<ReleasedCancel> released) {
            this.matchesAhead = new HashSet<>(matchedNow);
            for (ReleasedCancel cancel : released) cancel(cancel.cancel(), cancel.partitionKey());
        }

        void add(Ordered<TradeCommand> command) {
            inOrder.add(command);
        }

        void match(String tradeId, String partitionKey, String inputKey, String messageId) {
            inOrder.add(command(partitionKey, new TradeCommand(TradeCommand.Kind.MATCH, tradeId, inputKey, messageId)));
            matchesAhead.remove(tradeId);
            inOrder.addAll(waiting.getOrDefault(tradeId, List.of()));
            waiting.remove(tradeId);
        }

        void cancel(HeldCancel cancel, String partitionKey) {
            if (!cancelKeys.add(cancel.inputKey())) return;
            Ordered<TradeCommand> command = cancelCommand(cancel, partitionKey);
            if (matchesAhead.contains(cancel.tradeId()))
                waiting.computeIfAbsent(cancel.tradeId(), id -> new ArrayList<>())
                        .add(command);
            else inOrder.add(command);
        }

        List<Ordered<TradeCommand>> inOrder() {
            waiting.values().forEach(inOrder::addAll); // cancels released for a trade this batch sends no MATCH for
            waiting.clear();
            return inOrder;
        }
    }

    /** The command that asks matching to apply a CANCEL, under the partition key of the trade it cancels. */
    static Ordered<TradeCommand> cancelCommand(HeldCancel cancel, String partitionKey) {
        return command(
                partitionKey,
                new TradeCommand(TradeCommand.Kind.CANCEL, cancel.tradeId(), cancel.inputKey(), cancel.messageId()));
    }

    /**
     * A settlement confirmation becomes a SETTLE command for its pair, partitioned by match id. One that breaks the
     * contract (or that the gateway refused) is a bug in settlement-matching, not a counterparty's error: it is
     * recorded as rejected and logged loudly, and no status report goes to counterparties; its raw body stays in the
     * journal.
     */
    private Answer confirmation(InboundRecord record) {
        Optional<StatusReason> forged = SenderAuthorization.service(
                record.authenticatedSender(), "senderId", ServiceIdentity.SETTLEMENT_MATCHING);
        if (forged.isPresent()) {
            // Only settlement matching confirms (the broker lets no one else write the queue): whoever else did is
            // answered on its own status queue, and nothing is settled.
            log.error(
                    "refused settlement confirmation {}: {}",
                    record.journalKey(),
                    forged.get().ours());
            return new Rejected(rejection(record, List.of(forged.get())), record.authenticatedSender() != null);
        }
        try {
            if (record.hasVerdict())
                throw new IllegalArgumentException(
                        "the gateway's verdict " + record.verdict() + ": " + record.verdictDetail());
            if (record.truncated()) throw new IllegalArgumentException("confirmation over the journal's size limit");
            SettlementConfirmation confirmation = WireCodec.decodeConfirmation(record.body());
            return new Settle(command(
                    confirmation.matchId(),
                    TradeCommand.settle(
                            confirmation.matchId(),
                            confirmation.allocationId(),
                            record.journalKey(),
                            confirmation.messageId())));
        } catch (IllegalArgumentException e) {
            log.error(
                    "rejected settlement confirmation {}: {}; body {}",
                    record.journalKey(),
                    e.getMessage(),
                    record.body());
            StatusReason reason = record.hasVerdict()
                    ? record.verdictReason()
                    : new StatusReason("body", "INVALID_CONFIRMATION", e.getMessage(), null);
            return new Rejected(
                    new RejectedInput(
                            record.journalKey(),
                            App.SETTLEMENT_MATCHING.id(),
                            record.brokerMessageId(),
                            null,
                            List.of(reason),
                            clock.instant()),
                    false);
        }
    }

    /**
     * An input a store refused, now in the quarantine: answered REJECTED {@code QUARANTINED} to its sender as a gateway
     * verdict is, from a short echo of its body, so the answer holds nothing the store could refuse again.
     */
    @Override
    public void onQuarantined(InboundRecord record, String reason) {
        process(List.of(record.quarantined(reason)));
    }

    /** The trade id the wire contract implies: unique per sender and trade reference. */
    public static String tradeId(String senderId, String tradeRef) {
        return TradeSide.tradeIdOf(senderId, tradeRef);
    }

    /** The answer to a CANCEL whose trade was never booked: final, however late the trade turns up. */
    public static RejectedInput unknownTrade(HeldCancel cancel, Instant at) {
        return new RejectedInput(
                cancel.inputKey(),
                cancel.senderId(),
                cancel.messageId(),
                cancel.tradeRef(),
                List.of(new StatusReason("tradeRef", "UNKNOWN_TRADE", cancel.tradeRef(), null)),
                at);
    }

    private RejectedInput rejection(InboundRecord record, List<StatusReason> reasons) {
        // A truncated body no longer parses, but the gateway keyed it by the sender and id of the whole body.
        Optional<Envelope> envelope =
                Envelope.peek(record.body()).or(() -> Envelope.fromJournalKey(record.journalKey()));
        // The answer goes to whoever the broker authenticated, never to a sender the body merely names.
        return new RejectedInput(
                record.journalKey(),
                Optional.ofNullable(record.authenticatedSender())
                        .orElseGet(() -> envelope.map(Envelope::senderId).orElse(null)),
                envelope.map(Envelope::messageId).orElse(record.brokerMessageId()),
                readableTradeRef(record.body()),
                reasons,
                clock.instant());
    }

    /** A rejection recorded before rejections kept the tradeRef, with the one its body names. */
    private static RejectedInput namingTradeRef(RejectedInput rejection, InboundRecord record) {
        if (rejection.tradeRef() != null) return rejection;
        return new RejectedInput(
                rejection.inputKey(),
                rejection.senderId(),
                rejection.messageId(),
                readableTradeRef(record.body()),
                rejection.reasons(),
                rejection.rejectedAt());
    }

    /**
     * The tradeRef a rejected body names, if it is readable JSON with a tradeRef the contract allows: it helps the
     * sender. A hostile one (3 KB long, holding NUL) is neither stored nor echoed.
     */
    private static String readableTradeRef(String body) {
        try {
            JsonNode tradeRef = WireJson.mapper().readTree(body).get("tradeRef");
            return tradeRef != null
                            && tradeRef.isTextual()
                            && WireLimits.isValidId(tradeRef.asText(), WireLimits.MAX_ID_LENGTH)
                    ? tradeRef.asText()
                    : null;
        } catch (IOException | RuntimeException unreadable) {
            return null; // the reasons already say why the body could not be read
        }
    }

    private static Ordered<TradeCommand> command(String partitionKey, TradeCommand command) {
        return new Ordered<>(partitionKey, command);
    }

    /** The REJECTED report of a rejected input, to its sender; a replay of the input repeats it under the same id. */
    static Ordered<OutboundEnvelope> report(RejectedInput rejection) {
        String recipient = rejection.senderId() == null ? UNKNOWN_RECIPIENT : rejection.senderId();
        StatusReport report = new StatusReport(
                TradeEvent.rejectionReportId(rejection.inputKey()),
                rejection.messageId(),
                rejection.tradeRef(),
                rejection.senderId(),
                TradeStatus.REJECTED,
                null,
                null,
                rejection.reasons());
        OutboundEnvelope envelope = OutboundEnvelope.statusReport(
                App.TRADE_MATCHING, recipient, report.messageId(), WireCodec.encode(report));
        return new Ordered<>(rejection.inputKey(), envelope);
    }
}
