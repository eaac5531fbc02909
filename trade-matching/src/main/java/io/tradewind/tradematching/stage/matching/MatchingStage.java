package io.tradewind.tradematching.stage.matching;

import io.tradewind.platform.app.BookStage;
import io.tradewind.platform.stream.Publisher;
import io.tradewind.tradematching.domain.TradeLifecycleEvent;
import io.tradewind.tradematching.flow.TradeCommand;

/** Matching: applies a batch of commands to the book in one transaction, then publishes what became of each trade. */
public final class MatchingStage extends BookStage<TradeCommand, TradeLifecycleEvent> {

    public MatchingStage(TradeBook book, Publisher<TradeLifecycleEvent> toEgress) {
        super(book::applyAll, toEgress);
    }

    /** The trade a command is about; a settlement confirmation's match. */
    @Override
    public String idOf(TradeCommand command) {
        return command.tradeId() != null ? command.tradeId() : command.matchId();
    }
}
