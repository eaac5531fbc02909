package io.tradewind.tradematching.stage.egress;

import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Queues;
import io.tradewind.model.trade.StatusReport;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.stream.Ordered;
import io.tradewind.platform.stream.Publisher;
import io.tradewind.platform.stream.Stage;
import io.tradewind.tradematching.flow.TradeEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Egress: a status report per trade event to the trade's sender, on its private status queue, and for a MATCHED pair
 * the settlement instructions, stored, then handed to the outbound gateway. What goes to one participant (the report's
 * recipient, the instruction's party) is ordered by that participant.
 */
public final class EgressStage implements Stage<TradeEvent> {
    private final InstructionStore instructions;
    private final Publisher<Ordered<OutboundEnvelope>> toOutbound;

    public EgressStage(InstructionStore instructions, Publisher<Ordered<OutboundEnvelope>> toOutbound) {
        this.instructions = instructions;
        this.toOutbound = toOutbound;
    }

    @Override
    public String idOf(TradeEvent event) {
        return event.trade().tradeId();
    }

    @Override
    public void process(List<TradeEvent> batch) {
        List<Ordered<OutboundEnvelope>> messages = new ArrayList<>();
        List<SettlementInstruction> built = new ArrayList<>();
        for (TradeEvent event : batch) {
            messages.add(new Ordered<>(event.trade().senderId(), statusReport(event)));
            if (event.settlement() != null) {
                for (SettlementInstruction instruction :
                        SettlementInstructions.of(event.matchId(), event.settlement())) {
                    built.add(instruction);
                    messages.add(new Ordered<>(
                            instruction.party(),
                            new OutboundEnvelope(
                                    App.SETTLEMENT_MATCHING.id(),
                                    Queues.SETTLEMENTS_INBOUND,
                                    instruction.messageId(),
                                    WireCodec.encode(instruction))));
                }
            }
        }
        instructions.storeAll(built);
        toOutbound.publishAll(messages);
    }

    static OutboundEnvelope statusReport(TradeEvent event) {
        StatusReport report = new StatusReport(
                event.reportMessageId(),
                event.inReplyTo(),
                event.trade().tradeRef(),
                event.trade().senderId(),
                event.status(),
                event.matchId(),
                event.counterpart() == null ? null : event.counterpart().tradeRef(),
                event.reasons());
        return OutboundEnvelope.statusReport(
                App.TRADE_MATCHING, event.trade().senderId(), report.messageId(), WireCodec.encode(report));
    }
}
