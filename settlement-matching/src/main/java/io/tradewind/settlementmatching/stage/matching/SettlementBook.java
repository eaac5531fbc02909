package io.tradewind.settlementmatching.stage.matching;

import io.tradewind.settlementmatching.domain.InstructionEvent;
import io.tradewind.settlementmatching.flow.SettlementCommand;
import java.util.List;

/** The settlement book as matching sees it: the state of every instruction, changed only through commands. */
public interface SettlementBook {

    /**
     * Decides the commands' instructions in order, in one transaction, and returns every event they produced in order.
     * A command applied before (same input key) changes nothing and returns the events it produced then.
     */
    List<InstructionEvent> applyAll(List<SettlementCommand> commands);
}
