package io.tradewind.settlementmatching.stage.matching;

import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.OutboundRecord;
import io.tradewind.platform.stream.Stage;
import io.tradewind.settlementmatching.flow.SettlementCommand;
import io.tradewind.settlementmatching.flow.SettlementEvent;
import java.util.List;

/** Matching: decides a batch of instructions in one transaction, then publishes what became of each. */
public final class MatchingStage implements Stage<SettlementCommand> {

    private final SettlementBook book;
    private final KinesisPublisher toEgress;

    public MatchingStage(SettlementBook book, KinesisPublisher toEgress) {
        this.book = book;
        this.toEgress = toEgress;
    }

    @Override
    public void process(List<SettlementCommand> batch) {
        List<SettlementEvent> events = book.applyAll(batch); // durable before anything is published
        // Keyed by instruction: an instruction's MATCHED and SETTLED reports stay in order on one shard.
        toEgress.publishAll(events.stream()
                .map(event -> new OutboundRecord(event.instructionId(), FlowJson.encode(event)))
                .toList());
    }
}
