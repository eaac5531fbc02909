package io.tradewind.tradematching.stage.matching;

import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.OutboundRecord;
import io.tradewind.platform.stream.Stage;
import io.tradewind.tradematching.flow.TradeCommand;
import io.tradewind.tradematching.flow.TradeEvent;
import java.util.List;

/** Matching: applies a batch of commands to the book in one transaction, then publishes what became of each trade. */
public final class MatchingStage implements Stage<TradeCommand> {

    private final TradeBook book;
    private final KinesisPublisher toEgress;

    public MatchingStage(TradeBook book, KinesisPublisher toEgress) {
        this.book = book;
        this.toEgress = toEgress;
    }

    @Override
    public void process(List<TradeCommand> batch) {
        List<TradeEvent> events = book.applyAll(batch); // durable before anything is published
        toEgress.publishAll(events.stream()
                .map(event -> new OutboundRecord(event.trade().tradeId(), FlowJson.encode(event)))
                .toList());
    }
}
