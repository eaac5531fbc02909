package io.tradewind.settlementmatching.stage.egress;

import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementStatusReport;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.platform.gateway.OutboundEnvelope;
import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.OutboundRecord;
import io.tradewind.platform.stream.Stage;
import io.tradewind.settlementmatching.flow.Brokers;
import io.tradewind.settlementmatching.flow.SettlementEvent;
import io.tradewind.settlementmatching.stage.ingestion.IngestionStage;
import java.util.ArrayList;
import java.util.List;

/**
 * Egress: turns each event into a status report for the instruction's party on {@code settlements.status}, and each
 * settled pair's confirmation into a message for trade matching on {@code settlements.confirmations}, stored first.
 */
public final class EgressStage implements Stage<SettlementEvent> {
    public static final String CONFIRMATIONS_QUEUE = "settlements.confirmations";

    private final ConfirmationStore confirmations;
    private final KinesisPublisher toOutbound;

    public EgressStage(ConfirmationStore confirmations, KinesisPublisher toOutbound) {
        this.confirmations = confirmations;
        this.toOutbound = toOutbound;
    }

    @Override
    public void process(List<SettlementEvent> batch) {
        List<OutboundRecord> messages = new ArrayList<>();
        List<SettlementConfirmation> built = new ArrayList<>();
        for (SettlementEvent event : batch) {
            messages.add(new OutboundRecord(event.instructionId(), FlowJson.encode(statusReport(event))));
            SettlementConfirmation confirmation = event.confirmation();
            if (confirmation != null) {
                built.add(confirmation);
                messages.add(new OutboundRecord(
                        confirmation.settlementMatchId(),
                        FlowJson.encode(new OutboundEnvelope(
                                Brokers.TRADE_MATCHING,
                                CONFIRMATIONS_QUEUE,
                                confirmation.messageId(),
                                Brokers.TRADE_MATCHING,
                                WireCodec.encode(confirmation)))));
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
        return new OutboundEnvelope(
                Brokers.SETTLEMENT_MATCHING,
                IngestionStage.STATUS_QUEUE,
                report.messageId(),
                event.party(),
                WireCodec.encode(report));
    }
}
