package io.tradewind.tradematching.domain;

import io.tradewind.model.values.Require;
import java.util.Optional;

/**
 * What a CANCEL does to the book, decided from the cancelled trade's status alone: an unpaired trade is cancelled; a
 * paired but unsettled trade is cancelled and its counterpart goes back to UNMATCHED, free to pair again; a SETTLED or
 * already CANCELLED trade refuses the cancel with a reason.
 */
public sealed interface CancelDecision permits CancelDecision.Cancelled, CancelDecision.Refused {

    String ALREADY_SETTLED = "ALREADY_SETTLED";
    String ALREADY_CANCELLED = "ALREADY_CANCELLED";

    /** Decides a CANCEL of a trade currently in {@code status}. */
    static CancelDecision of(BookStatus status) {
        return switch (Require.present(status, "status")) {
            case RECEIVED ->
                throw new IllegalArgumentException("status RECEIVED: a trade is decided before its cancel is");
            case UNMATCHED -> Cancelled.ALONE;
            case MATCHED, MISMATCHED -> Cancelled.RELEASING_COUNTERPART;
            case SETTLED -> new Refused(status, ALREADY_SETTLED, "a settled trade cannot be cancelled");
            case CANCELLED -> new Refused(status, ALREADY_CANCELLED, "the trade is already cancelled");
        };
    }

    /**
     * The cancel is accepted: the cancelled trade becomes CANCELLED and, when it was paired, its counterpart becomes
     * UNMATCHED (the pair's match id is dissolved).
     */
    record Cancelled(boolean releasesCounterpart) implements CancelDecision {
        static final Cancelled ALONE = new Cancelled(false);
        static final Cancelled RELEASING_COUNTERPART = new Cancelled(true);

        public BookStatus cancelledTradeStatus() {
            return BookStatus.CANCELLED;
        }

        /** The counterpart's new status, present only when the cancelled trade was paired. */
        public Optional<BookStatus> counterpartStatus() {
            return releasesCounterpart ? Optional.of(BookStatus.UNMATCHED) : Optional.empty();
        }
    }

    /** The cancel is refused and nothing changes; {@code code} is machine-readable, {@code reason} is for people. */
    record Refused(BookStatus status, String code, String reason) implements CancelDecision {
        public Refused {
            Require.present(status, "status");
            Require.text(code, "code");
            Require.text(reason, "reason");
        }
    }
}
