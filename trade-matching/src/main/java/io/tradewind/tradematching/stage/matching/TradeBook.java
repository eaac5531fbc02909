package io.tradewind.tradematching.stage.matching;

import io.tradewind.tradematching.domain.TradeLifecycleEvent;
import io.tradewind.tradematching.flow.TradeCommand;
import java.util.List;

/** The trade book as matching sees it: the state of every trade, changed only through commands. */
public interface TradeBook {

    /**
     * Applies the commands in order, in one transaction, through the {@link io.tradewind.tradematching.domain.TradeLifecycle}
     * and returns every event they produced in order. A command applied before (same input key) changes nothing and
     * returns the events it produced then.
     */
    List<TradeLifecycleEvent> applyAll(List<TradeCommand> commands);
}
