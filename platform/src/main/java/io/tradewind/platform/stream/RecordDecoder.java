package io.tradewind.platform.stream;

import io.tradewind.platform.resilience.UndecodableRecordException;

/** Turns a stream record's bytes into what a stage processes; pure, so decoding again on retry is harmless. */
@FunctionalInterface
public interface RecordDecoder<T> {
    T decode(StreamRecord record) throws UndecodableRecordException;
}
