package io.tradewind.model.trade;

import java.util.List;

/**
 * What decoding an inbound body yields: a valid message of type {@code M} (a {@link TradeMessage} from
 * {@link TradeMessageDecoder}, a settlement instruction or confirmation from its decoder), or every rejection found in
 * it. A rejected
 * body is a value, not an exception, so ingestion can report it REJECTED and move on without blocking the shard.
 */
public sealed interface DecodeResult<M> permits DecodeResult.Valid, DecodeResult.Rejected {

    /** The body honours the wire contract. */
    record Valid<M>(M message) implements DecodeResult<M> {
        public Valid {
            if (message == null) throw new IllegalArgumentException("message is null");
        }
    }

    /** The body breaks the contract: one rejection per field at fault, in a stable order (the contract's, mostly). */
    record Rejected<M>(List<Rejection> reasons) implements DecodeResult<M> {
        public Rejected {
            if (reasons == null || reasons.isEmpty()) throw new IllegalArgumentException("a rejection needs reasons");
            reasons = List.copyOf(reasons);
        }
    }
}
