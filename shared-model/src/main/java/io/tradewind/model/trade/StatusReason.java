package io.tradewind.model.trade;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a trade or a settlement instruction is MISMATCHED or REJECTED: the field at fault (a JSON path such as
 * {@code allocations[1].quantity}), a reason code, and what we and the counterparty said. For a mismatch {@code ours}
 * is the recipient's value and {@code theirs} the counterparty's. For a rejection {@code ours} carries the
 * human-readable detail and {@code theirs} the limit of the wire contract that was broken (e.g. "64 characters at
 * most"), or null when none was; before the limits were written down a rejection's {@code theirs} was always null.
 */
public record StatusReason(String field, String code, String ours, String theirs) {
    public StatusReason {
        if (field == null || field.isBlank()) throw new IllegalArgumentException("field is blank");
        if (code == null || code.isBlank()) throw new IllegalArgumentException("code is blank");
    }

    /** The most reasons one REJECTED report lists; a body with thousands of bad fields must still fit one message. */
    public static final int MAX_REJECTION_REASONS = 100;

    /**
     * The reasons a REJECTED report gives for a decoder's rejections: one each, up to {@link #MAX_REJECTION_REASONS},
     * the last of them then saying how many more there were.
     */
    public static List<StatusReason> ofAll(List<Rejection> rejections) {
        if (rejections.size() <= MAX_REJECTION_REASONS)
            return rejections.stream().map(StatusReason::of).toList();
        List<StatusReason> reasons = new ArrayList<>(MAX_REJECTION_REASONS);
        rejections.subList(0, MAX_REJECTION_REASONS - 1).forEach(r -> reasons.add(of(r)));
        int omitted = rejections.size() - (MAX_REJECTION_REASONS - 1);
        reasons.add(new StatusReason("body", "TOO_MANY_PROBLEMS", omitted + " more problems not listed", null));
        return List.copyOf(reasons);
    }

    /** The reason a status report gives for one rejection found by an inbound decoder: the detail, then the limit. */
    public static StatusReason of(Rejection rejection) {
        return new StatusReason(rejection.field(), rejection.code().name(), rejection.detail(), rejection.limit());
    }
}
