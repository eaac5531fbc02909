package io.tradewind.model.trade;

/**
 * Why a trade or a settlement instruction is MISMATCHED or REJECTED: the field at fault (a JSON path such as
 * {@code allocations[1].quantity}), a reason code, and what we and the counterparty said. For a rejection
 * {@code theirs} is null and {@code ours} may carry a human-readable detail; for a mismatch {@code ours} is the
 * recipient's value and {@code theirs} the counterparty's.
 */
public record StatusReason(String field, String code, String ours, String theirs) {
    public StatusReason {
        if (field == null || field.isBlank()) throw new IllegalArgumentException("field is blank");
        if (code == null || code.isBlank()) throw new IllegalArgumentException("code is blank");
    }

    /** The reason a status report gives for one rejection found by an inbound decoder. */
    public static StatusReason of(Rejection rejection) {
        return new StatusReason(rejection.field(), rejection.code().name(), rejection.detail(), null);
    }
}
