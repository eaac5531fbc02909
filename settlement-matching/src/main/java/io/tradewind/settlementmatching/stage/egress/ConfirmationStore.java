package io.tradewind.settlementmatching.stage.egress;

import io.tradewind.model.settlement.SettlementConfirmation;
import java.util.List;

/** Where egress records the confirmations it built, so reconciliation can tell which pairs were confirmed. */
public interface ConfirmationStore {

    /** Stores each confirmation once by its message id; storing one again is harmless. */
    void storeAll(List<SettlementConfirmation> confirmations);
}
