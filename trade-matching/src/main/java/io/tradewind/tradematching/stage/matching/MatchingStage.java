package io.tradewind.tradematching.stage.matching;

import io.tradewind.platform.stream.Publisher;
import io.tradewind.platform.stream.Stage;
import io.tradewind.tradematching.domain.TradeLifecycleEvent;
import io.tradewind.tradematching.flow.TradeCommand;
import java.util.List;

/** Matching: applies a batch of commands to the book in one transaction, then publishes what became of each trade. */
public final class MatchingStage implements Stage<TradeCommand> {

    private final TradeBook book;
    private final Publisher<TradeLifecycleEvent> toEgress;

    public MatchingStage(TradeBook book, Publisher<TradeLifecycleEvent> toEgress) {
        this.book = book;
        this.toEgress = toEgress;
    }

    @Override
    public void process(List<TradeCommand> batch) {
        List<TradeLifecycleEvent> events = book.applyAll(batch); // durable before anything is published
        toEgress.publishAll(events);
    }
}
