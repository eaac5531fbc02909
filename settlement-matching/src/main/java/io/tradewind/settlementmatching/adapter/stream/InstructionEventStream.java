package io.tradewind.settlementmatching.adapter.stream;

import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.OutboundRecord;
import io.tradewind.platform.stream.Publisher;
import io.tradewind.platform.stream.StreamPublisher;
import io.tradewind.settlementmatching.domain.InstructionEvent;
import io.tradewind.settlementmatching.flow.SettlementEvent;

/** How matching's events travel to egress: as {@link SettlementEvent} flow records, keyed by their instruction. */
public final class InstructionEventStream {
    private InstructionEventStream() {}

    /** Matching's port onto the stream egress reads. */
    public static Publisher<InstructionEvent> toEgress(KinesisPublisher stream) {
        // Keyed by instruction: an instruction's MATCHED and SETTLED reports stay in order on one shard.
        return StreamPublisher.onto(
                stream,
                event -> new OutboundRecord(event.instructionId().value(), FlowJson.encode(SettlementEvent.of(event))));
    }
}
