package io.tradewind.tradematching.stage.egress;

import io.tradewind.model.settlement.SettlementInstruction;
import java.util.List;

/** Where egress keeps the settlement instructions it built, before they are sent. */
public interface InstructionStore {
    /** Stores each instruction unless its id is stored already. */
    void storeAll(List<SettlementInstruction> instructions);
}
