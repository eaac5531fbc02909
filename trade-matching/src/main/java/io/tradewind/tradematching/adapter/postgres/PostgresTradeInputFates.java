package io.tradewind.tradematching.adapter.postgres;

import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.Queues;
import io.tradewind.platform.gateway.JournalEntry;
import io.tradewind.platform.reconciliation.PostgresInputFatesProvider;
import io.tradewind.tradematching.flow.TradeEvent;
import io.tradewind.tradematching.stage.egress.SettlementInstructions;
import java.util.ArrayList;
import java.util.List;

/**
 * Trade matching's answer to reconciliation's "what became of these inputs", read from its own schema, with the ids
 * its stages send under: the REJECTED report of a rejected input (none for a settlement confirmation, which answers
 * nobody), and for an applied one the status report of each event matching stored, with the settlement instructions
 * egress builds for a MATCHED pair. Registered in {@code META-INF/services}: reconciliation finds it by the app's name.
 */
public final class PostgresTradeInputFates extends PostgresInputFatesProvider<TradeEvent> {

    public PostgresTradeInputFates() {
        super(App.TRADE_MATCHING, TradeEvent.class);
    }

    @Override
    public List<String> ofRejection(JournalEntry input) {
        // A confirmation that breaks the contract is settlement-matching's bug: logged and kept, answered to nobody.
        if (Queues.SETTLEMENTS_CONFIRMATIONS.equals(input.source())) return List.of();
        return List.of(TradeEvent.rejectionReportId(input.journalKey()));
    }

    @Override
    public List<String> ofEvent(TradeEvent event) {
        List<String> ids = new ArrayList<>();
        ids.add(event.reportMessageId());
        if (event.settlement() != null)
            for (SettlementInstruction instruction : SettlementInstructions.of(event.matchId(), event.settlement()))
                ids.add(instruction.messageId());
        return ids;
    }
}
