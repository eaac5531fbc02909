package io.tradewind.platform.stream;

/**
 * A value for the next stage, with what it is ordered by: values ordered by the same thing are consumed in the order
 * published, by one worker. A stage says what orders a value (both sides of a trade share their pairing key, the
 * reports of one trade its id); the adapter makes that the partition key.
 *
 * @param orderedBy what keeps this value in order with others, e.g. a trade's pairing key
 */
public record Ordered<T>(String orderedBy, T value) {
    public Ordered {
        if (orderedBy == null || orderedBy.isEmpty()) throw new IllegalArgumentException("orderedBy is empty");
        if (value == null) throw new IllegalArgumentException("value is null");
    }
}
