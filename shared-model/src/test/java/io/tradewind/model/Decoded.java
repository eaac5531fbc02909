package io.tradewind.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.Rejection;
import io.tradewind.model.trade.RejectionCode;
import java.util.List;

/** Assertions on what a decoder made of a body, shared by the decoders' tests. */
public final class Decoded {
    private Decoded() {}

    /** The message of a result that must be valid. */
    public static <M> M valid(DecodeResult<M> result) {
        assertThat(result).isInstanceOf(DecodeResult.Valid.class);
        return ((DecodeResult.Valid<M>) result).message();
    }

    /** The rejections of a result that must be rejected. */
    public static List<Rejection> rejections(DecodeResult<?> result) {
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        return ((DecodeResult.Rejected<?>) result).reasons();
    }

    /** The one rejection of a result that must be rejected for exactly one reason. */
    public static Rejection single(DecodeResult<?> result) {
        List<Rejection> rejections = rejections(result);
        assertThat(rejections).hasSize(1);
        return rejections.get(0);
    }

    /** Asserts that the result is rejected for exactly one reason: {@code code} on {@code field}. */
    public static void assertSingleRejection(DecodeResult<?> result, String field, RejectionCode code) {
        assertThat(rejections(result))
                .extracting(Rejection::field, Rejection::code)
                .containsExactly(tuple(field, code));
    }
}
