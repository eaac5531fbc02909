package io.tradewind.tradematching.adapter.stream;

import io.tradewind.platform.pipeline.FlowJson;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.OutboundRecord;
import io.tradewind.platform.stream.Publisher;
import io.tradewind.platform.stream.StreamPublisher;
import io.tradewind.tradematching.domain.TradeLifecycleEvent;
import io.tradewind.tradematching.flow.TradeEvents;

/**
 * The egress stream as matching publishes to it: each lifecycle event travels as its {@link
 * io.tradewind.tradematching.flow.TradeEvent} JSON, partitioned by the trade's id so a trade's reports stay in order.
 */
public final class EgressStream {
    private EgressStream() {}

    /** Matching's port onto the egress stream {@code stream}. */
    public static Publisher<TradeLifecycleEvent> toEgress(KinesisPublisher stream) {
        return StreamPublisher.onto(stream, EgressStream::record);
    }

    static OutboundRecord record(TradeLifecycleEvent event) {
        return new OutboundRecord(event.trade().id().value(), FlowJson.encode(TradeEvents.of(event)));
    }
}
