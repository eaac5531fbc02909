package io.tradewind.tradematching.stage.egress;

import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.trade.StatusReport;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.OutboundRecord;
import io.tradewind.platform.stream.Stage;
import io.tradewind.tradematching.flow.Brokers;
import io.tradewind.tradematching.flow.TradeEvent;
import io.tradewind.tradematching.stage.ingestion.IngestionStage;
import java.util.ArrayList;
import java.util.List;

/**
 * Egress: a status report per trade event to the trade's sender, and for a MATCHED pair the settlement instructions,
 * stored, then handed to the outbound gateway.
 */
public final class EgressStage implements Stage<TradeEvent> {
    public static final String INSTRUCTION_QUEUE = "settlements.inbound";

    private final InstructionStore instructions;
    private final KinesisPublisher toOutbound;

    public EgressStage(InstructionStore instructions, KinesisPublisher toOutbound) {
        this.instructions = instructions;
        this.toOutbound = toOutbound;
    }

    @Override
    public void process(List<TradeEvent> batch) {
        List<OutboundEnvelope> messages = new ArrayList<>();
        List<SettlementInstruction> built = new ArrayList<>();
        for (TradeEvent event : batch) {
            messages.add(statusReport(event));
            if (event.settlement() != null) {
                for (SettlementInstruction instruction :
                        SettlementInstructions.of(event.matchId(), event.settlement())) {
                    built.add(instruction);
                    messages.add(new OutboundEnvelope(
                            Brokers.SETTLEMENT_MATCHING,
                            INSTRUCTION_QUEUE,
                            instruction.messageId(),
                            instruction.party(),
                            WireCodec.encode(instruction)));
                }
            }
        }
        instructions.storeAll(built);
        toOutbound.publishAll(messages.stream()
                .map(message -> new OutboundRecord(message.recipient(), FlowJson.encode(message)))
                .toList());
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
        return new OutboundEnvelope(
                Brokers.TRADE_MATCHING,
                IngestionStage.STATUS_QUEUE,
                report.messageId(),
                event.trade().senderId(),
                WireCodec.encode(report));
    }
}
