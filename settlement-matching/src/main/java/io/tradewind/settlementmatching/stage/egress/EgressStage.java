package io.tradewind.settlementmatching.stage.egress;

import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementStatusReport;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.stream.Ordered;
import io.tradewind.platform.stream.Publisher;
import io.tradewind.platform.stream.Stage;
import io.tradewind.settlementmatching.flow.SettlementEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Egress: turns each event into a status report on the private status queue of the instruction's party, and each
 * settled pair's confirmation into a message for trade matching on {@code settlements.confirmations}, stored first.
 */
public final class EgressStage implements Stage<SettlementEvent> {
    private final ConfirmationStore confirmations;
    private final Publisher<Ordered<OutboundEnvelope>> toOutbound;

    public EgressStage(ConfirmationStore confirmations, Publisher<Ordered<OutboundEnvelope>> toOutbound) {
        this.confirmations = confirmations;
        this.toOutbound = toOutbound;
    }

    @Override
    public String idOf(SettlementEvent event) {
        return event.instructionId();
    }

    @Override
    public void process(List<SettlementEvent> batch) {
        List<Ordered<OutboundEnvelope>> messages = new ArrayList<>();
        List<SettlementConfirmation> built = new ArrayList<>();
        for (SettlementEvent event : batch) {
            messages.add(new Ordered<>(event.instructionId(), statusReport(event)));
            SettlementConfirmation confirmation = event.confirmation();
            if (confirmation != null) {
                built.add(confirmation);
                messages.add(new Ordered<>(
                        confirmation.settlementMatchId(),
                        new OutboundEnvelope(
                                App.TRADE_MATCHING.id(),
                                Queues.SETTLEMENTS_CONFIRMATIONS,
                                confirmation.messageId(),
                                WireCodec.encode(confirmation))));
            }
        }
        confirmations.storeAll(built);
        toOutbound.publishAll(messages);
    }

    static OutboundEnvelope statusReport(SettlementEvent event) {
        SettlementStatusReport report = new SettlementStatusReport(
                event.reportMessageId(),
                event.inReplyTo(),
                event.instructionId(),
                event.party(),
                event.status(),
                event.settlementMatchId(),
                event.counterpartyInstructionId(),
                event.reasons());
        return OutboundEnvelope.statusReport(
                App.SETTLEMENT_MATCHING, event.party(), report.messageId(), WireCodec.encode(report));
    }
}
