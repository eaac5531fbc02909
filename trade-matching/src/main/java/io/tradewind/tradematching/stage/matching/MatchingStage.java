package io.tradewind.tradematching.stage.matching;

import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.OutboundRecord;
import io.tradewind.platform.stream.Stage;
import io.tradewind.platform.stream.UndecodableRecord;
import io.tradewind.tradematching.flow.TradeCommand;
import io.tradewind.tradematching.flow.TradeEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Matching: applies a batch of commands to the book in one transaction, then publishes what became of each trade. */
public final class MatchingStage implements Stage<TradeCommand> {
    private static final Logger log = LoggerFactory.getLogger(MatchingStage.class);

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

    /**
     * Only ingestion writes this stream, so an undecodable command is a bug, not bad input: it is logged loudly with
     * its payload and skipped, since retrying cannot fix it and the input it came from is in the journal for replay.
     */
    @Override
    public void onUndecodable(List<UndecodableRecord> records) {
        for (UndecodableRecord record : records)
            log.error(
                    "undecodable command at {}/{}: {}; payload {}",
                    record.record().shardId(),
                    record.record().position(),
                    record.reason(),
                    record.record().dataAsUtf8());
    }
}
