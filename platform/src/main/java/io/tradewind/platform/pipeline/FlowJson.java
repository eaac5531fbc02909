package io.tradewind.platform.pipeline;

import io.tradewind.model.wire.WireJson;
import io.tradewind.platform.resilience.UndecodableRecordException;
import io.tradewind.platform.stream.KinesisPublisher;
import io.tradewind.platform.stream.Ordered;
import io.tradewind.platform.stream.OutboundRecord;
import io.tradewind.platform.stream.Publisher;
import io.tradewind.platform.stream.StreamPublisher;
import java.io.IOException;

/** Encodes and decodes flow records with the wire contract's JSON rules. */
public final class FlowJson {
    private FlowJson() {}

    public static byte[] encode(Object record) {
        try {
            return WireJson.mapper().writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + record.getClass().getSimpleName(), e);
        }
    }

    /** A stage's port onto {@code stream}: each value as flow JSON, under the partition key of what orders it. */
    public static <T> Publisher<Ordered<T>> publisherOnto(KinesisPublisher stream) {
        return StreamPublisher.onto(
                stream, (Ordered<T> ordered) -> new OutboundRecord(ordered.orderedBy(), encode(ordered.value())));
    }

    public static <T> T decode(byte[] data, Class<T> type) {
        try {
            return WireJson.mapper().readValue(data, type);
        } catch (IOException e) {
            throw new UndecodableRecordException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
