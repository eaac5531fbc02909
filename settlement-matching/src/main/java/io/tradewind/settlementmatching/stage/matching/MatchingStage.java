package io.tradewind.settlementmatching.stage.matching;

import io.tradewind.platform.app.BookStage;
import io.tradewind.platform.stream.Publisher;
import io.tradewind.settlementmatching.domain.InstructionEvent;
import io.tradewind.settlementmatching.flow.SettlementCommand;

/** Matching: decides a batch of instructions in one transaction, then publishes what became of each. */
public final class MatchingStage extends BookStage<SettlementCommand, InstructionEvent> {

    public MatchingStage(SettlementBook book, Publisher<InstructionEvent> toEgress) {
        super(book::applyAll, toEgress);
    }

    @Override
    public String idOf(SettlementCommand command) {
        return command.instructionId();
    }
}
