package io.tradewind.platform.pipeline;

import io.tradewind.model.wire.WireJson;
import io.tradewind.platform.resilience.UndecodableRecordException;
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

    public static <T> T decode(byte[] data, Class<T> type) {
        try {
            return WireJson.mapper().readValue(data, type);
        } catch (IOException e) {
            throw new UndecodableRecordException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
