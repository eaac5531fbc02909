package io.tradewind.platform.stream;

import java.util.List;

/**
 * A stage's typed port onto the stream it publishes to: the stage hands over its domain values, the adapter behind the
 * port ({@link StreamPublisher}) encodes them and picks their partition keys. Nothing is published twice by a call;
 * a call returns once everything is durable on the stream.
 *
 * @param <T> what the stage publishes: commands or past-tense events
 */
@FunctionalInterface
public interface Publisher<T> {
    void publishAll(List<? extends T> items);
}
