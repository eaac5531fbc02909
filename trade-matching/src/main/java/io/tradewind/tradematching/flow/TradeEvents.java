package io.tradewind.tradematching.flow;

import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.tradematching.domain.AgreedSettlement;
import io.tradewind.tradematching.domain.MatchReason;
import io.tradewind.tradematching.domain.Price;
import io.tradewind.tradematching.domain.Security;
import io.tradewind.tradematching.domain.TradeId;
import io.tradewind.tradematching.domain.TradeLifecycleEvent;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.CancelRefused;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeCancelled;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeMatched;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeMismatched;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeSettled;
import io.tradewind.tradematching.domain.TradeLifecycleEvent.TradeUnmatched;
import io.tradewind.tradematching.domain.TradeRef;
import java.util.List;
import java.util.Optional;

/**
 * The lifecycle's events as the {@link TradeEvent} records that carry them to egress and that the book keeps per input
 * (the stored and streamed JSON stays what it was), and back: {@code lifecycleEventOf(of(event))} equals {@code event}.
 */
public final class TradeEvents {
    /**
     * The refused cancel's report id is the REJECTED report id of the cancel's input (it changes no trade version):
     * the input key behind this prefix.
     */
    private static final String REFUSAL_PREFIX = TradeEvent.rejectionReportId("");
    /** A refusal names the trade reference the cancel could not apply to. */
    private static final String REFUSED_FIELD = "tradeRef";

    private TradeEvents() {}

    /** The flow record of a lifecycle event. */
    public static TradeEvent of(TradeLifecycleEvent event) {
        if (event instanceof TradeMatched matched)
            return transition(
                    matched,
                    TradeStatus.MATCHED,
                    matched.matchId(),
                    matched.counterpart(),
                    List.of(),
                    matched.settlement().map(TradeEvents::settlementOf).orElse(null));
        if (event instanceof TradeMismatched mismatched)
            return transition(
                    mismatched,
                    TradeStatus.MISMATCHED,
                    mismatched.matchId(),
                    mismatched.counterpart(),
                    mismatched.reasons().stream()
                            .map(r -> new StatusReason(r.field(), r.code(), r.ours(), r.theirs()))
                            .toList(),
                    null);
        if (event instanceof TradeUnmatched unmatched)
            return transition(unmatched, TradeStatus.UNMATCHED, null, null, List.of(), null);
        if (event instanceof TradeCancelled cancelled)
            return transition(
                    cancelled,
                    TradeStatus.CANCELLED,
                    cancelled.matchId().orElse(null),
                    cancelled.counterpart().orElse(null),
                    List.of(),
                    null);
        if (event instanceof TradeSettled settled)
            return transition(settled, TradeStatus.SETTLED, settled.matchId(), settled.counterpart(), List.of(), null);
        CancelRefused refused = (CancelRefused) event;
        return new TradeEvent(
                TradeEvent.rejectionReportId(refused.cancelInputKey()),
                TradeStatus.REJECTED,
                ref(refused.trade()),
                refused.inReplyTo(),
                refused.version(),
                refused.matchId().orElse(null),
                null,
                List.of(new StatusReason(
                        REFUSED_FIELD, refused.code(), refused.trade().tradeRef(), refused.reason())),
                null);
    }

    /** The lifecycle event a flow record carries, e.g. one the book recorded for an input applied before. */
    public static TradeLifecycleEvent lifecycleEventOf(TradeEvent event) {
        TradeRef trade = refOf(event.trade());
        return switch (event.status()) {
            case MATCHED ->
                new TradeMatched(
                        trade,
                        event.inReplyTo(),
                        event.version(),
                        event.matchId(),
                        refOf(event.counterpart()),
                        Optional.ofNullable(event.settlement()).map(TradeEvents::agreedSettlementOf));
            case MISMATCHED ->
                new TradeMismatched(
                        trade,
                        event.inReplyTo(),
                        event.version(),
                        event.matchId(),
                        refOf(event.counterpart()),
                        event.reasons().stream()
                                .map(r -> new MatchReason(r.field(), r.code(), r.ours(), r.theirs()))
                                .toList());
            case UNMATCHED -> new TradeUnmatched(trade, event.inReplyTo(), event.version());
            case CANCELLED ->
                new TradeCancelled(
                        trade,
                        event.inReplyTo(),
                        event.version(),
                        Optional.ofNullable(event.matchId()),
                        Optional.ofNullable(event.counterpart()).map(TradeEvents::refOf));
            case SETTLED ->
                new TradeSettled(
                        trade, event.inReplyTo(), event.version(), event.matchId(), refOf(event.counterpart()));
            case REJECTED ->
                new CancelRefused(
                        trade,
                        event.reportMessageId().substring(REFUSAL_PREFIX.length()),
                        event.inReplyTo(),
                        event.version(),
                        Optional.ofNullable(event.matchId()),
                        event.reasons().get(0).code(),
                        event.reasons().get(0).theirs());
        };
    }

    private static TradeEvent transition(
            TradeLifecycleEvent event,
            TradeStatus status,
            String matchId,
            TradeRef counterpart,
            List<StatusReason> reasons,
            TradeEvent.MatchedSettlement settlement) {
        return new TradeEvent(
                TradeEvent.reportId(event.trade().id().value(), event.version(), status),
                status,
                ref(event.trade()),
                event.inReplyTo(),
                event.version(),
                matchId,
                counterpart == null ? null : ref(counterpart),
                reasons,
                settlement);
    }

    private static TradeEvent.TradeRef ref(TradeRef trade) {
        return new TradeEvent.TradeRef(trade.id().value(), trade.sender().value(), trade.tradeRef());
    }

    private static TradeRef refOf(TradeEvent.TradeRef trade) {
        return new TradeRef(new TradeId(trade.tradeId()), new ParticipantId(trade.senderId()), trade.tradeRef());
    }

    private static TradeEvent.MatchedSettlement settlementOf(AgreedSettlement agreed) {
        return new TradeEvent.MatchedSettlement(
                agreed.side(),
                agreed.executingBroker().value(),
                agreed.security().isin(),
                agreed.tradeDate(),
                agreed.settlementDate(),
                agreed.price().perUnit(),
                agreed.price().currency(),
                agreed.allocations());
    }

    private static AgreedSettlement agreedSettlementOf(TradeEvent.MatchedSettlement settlement) {
        return new AgreedSettlement(
                settlement.side(),
                new ParticipantId(settlement.executingBroker()),
                new Security(settlement.security()),
                settlement.tradeDate(),
                settlement.settlementDate(),
                new Price(settlement.price(), settlement.currency()),
                settlement.allocations());
    }
}
