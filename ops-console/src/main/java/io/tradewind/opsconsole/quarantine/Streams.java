package io.tradewind.opsconsole.quarantine;

/** The apps' Kinesis streams in each region, as a replay writes to them. */
public interface Streams {
    /**
     * Puts one record onto {@code stream} in {@code region} as it is: not aggregated, which the stages' consumers
     * accept as well. Returns where it landed.
     */
    Position put(String region, String stream, String partitionKey, byte[] data);

    record Position(String shardId, String sequenceNumber) {}
}
