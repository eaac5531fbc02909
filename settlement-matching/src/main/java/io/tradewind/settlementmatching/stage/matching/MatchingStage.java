package io.tradewind.settlementmatching.stage.matching;

import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.OutboundRecord;
import io.tradewind.platform.stream.Stage;
import io.tradewind.platform.stream.UndecodableRecord;
import io.tradewind.settlementmatching.flow.SettlementCommand;
import io.tradewind.settlementmatching.flow.SettlementEvent;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Matching: decides a batch of instructions in one transaction, then publishes what became of each. */
public final class MatchingStage implements Stage<SettlementCommand> {
    private static final Logger log = LoggerFactory.getLogger(MatchingStage.class);

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

    /**
     * Only ingestion writes this stream, so an undecodable command is a bug, not bad input: logged loudly with its
     * payload and skipped; the input it came from is in the journal for replay.
     */
    @Override
    public void onUndecodable(List<UndecodableRecord> records) {
        for (UndecodableRecord record : records)
            log.error(
                    "undecodable settlement command at {}/{}: {}; payload {}",
                    record.record().shardId(),
                    record.record().position(),
                    record.reason(),
                    record.record().dataAsUtf8());
    }
}
