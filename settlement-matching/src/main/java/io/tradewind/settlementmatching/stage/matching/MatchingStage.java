package io.tradewind.settlementmatching.stage.matching;

import io.tradewind.platform.stream.Publisher;
import io.tradewind.platform.stream.Stage;
import io.tradewind.settlementmatching.domain.InstructionEvent;
import io.tradewind.settlementmatching.flow.SettlementCommand;
import java.util.List;

/** Matching: decides a batch of instructions in one transaction, then publishes what became of each. */
public final class MatchingStage implements Stage<SettlementCommand> {

    private final SettlementBook book;
    private final Publisher<InstructionEvent> toEgress;

    public MatchingStage(SettlementBook book, Publisher<InstructionEvent> toEgress) {
        this.book = book;
        this.toEgress = toEgress;
    }

    @Override
    public void process(List<SettlementCommand> batch) {
        List<InstructionEvent> events = book.applyAll(batch); // durable before anything is published
        toEgress.publishAll(events);
    }
}
