package io.tradewind.model.trade;

/**
 * One way an inbound message breaks the wire contract: the JSON path of the field at fault (e.g.
 * {@code allocations[1].quantity}, or {@code body} for the message as a whole), the reason code, a detail for humans
 * (which repeats a participant's value only through {@link io.tradewind.model.wire.WireLimits#echo}), and the limit
 * that was broken, e.g. "64 characters at most", or null when the rejection breaks no limit (a missing field).
 */
public record Rejection(String field, RejectionCode code, String detail, String limit) {
    public Rejection {
        if (field == null || field.isBlank()) throw new IllegalArgumentException("field is blank");
        if (code == null) throw new IllegalArgumentException("code is null");
    }

    /** A rejection that names no limit. */
    public Rejection(String field, RejectionCode code, String detail) {
        this(field, code, detail, null);
    }
}
