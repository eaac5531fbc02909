package io.tradewind.settlementmatching.adapter.postgres;

import io.tradewind.model.topology.App;
import io.tradewind.platform.gateway.JournalEntry;
import io.tradewind.platform.reconciliation.PostgresInputFatesProvider;
import io.tradewind.settlementmatching.flow.SettlementEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Settlement matching's answer to reconciliation's "what became of these inputs", read from its own schema, with the
 * ids its stages send under: the REJECTED report of a rejected instruction, and for an applied one the status report
 * of each event matching stored, with the confirmation a settled pair sends trade matching. Registered in {@code
 * META-INF/services}: reconciliation finds it by the app's name.
 */
public final class PostgresSettlementInputFates extends PostgresInputFatesProvider<SettlementEvent> {

    public PostgresSettlementInputFates() {
        super(App.SETTLEMENT_MATCHING, SettlementEvent.class);
    }

    @Override
    public List<String> ofRejection(JournalEntry input) {
        return List.of(SettlementEvent.rejectionReportId(input.journalKey()));
    }

    @Override
    public List<String> ofEvent(SettlementEvent event) {
        List<String> ids = new ArrayList<>();
        ids.add(event.reportMessageId());
        if (event.confirmation() != null) ids.add(event.confirmation().messageId());
        return ids;
    }
}
