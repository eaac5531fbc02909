package io.tradewind.platform.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The adapter behind a {@link Publisher}: encodes each value into a stream record under the partition key the value
 * implies, and puts the batch on the stream in order.
 *
 * @param <T> the values published
 */
public final class StreamPublisher<T> implements Publisher<T> {
    private final KinesisPublisher stream;
    private final Function<? super T, OutboundRecord> encoding;

    private StreamPublisher(KinesisPublisher stream, Function<? super T, OutboundRecord> encoding) {
        this.stream = stream;
        this.encoding = encoding;
    }

    /**
     * @param encoding the record a value travels as: its partition key and its bytes
     */
    public static <T> StreamPublisher<T> onto(KinesisPublisher stream, Function<? super T, OutboundRecord> encoding) {
        return new StreamPublisher<>(stream, encoding);
    }

    @Override
    public void publishAll(List<? extends T> items) {
        List<OutboundRecord> records = new ArrayList<>(items.size());
        for (T item : items) records.add(encoding.apply(item));
        stream.publishAll(records);
    }
}
