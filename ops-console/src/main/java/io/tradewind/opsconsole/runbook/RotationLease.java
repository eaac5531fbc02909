package io.tradewind.opsconsole.runbook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one right to move apps between regions: an execution takes it before its first step and holds it until it ends,
 * so two operators never rotate at once (one's rollback could turn the source back On while the other moves the
 * database). On AWS a conditional write in a global table with multi-Region strong consistency, so both regions agree
 * on the holder; it expires unless renewed, so a runbook whose process died does not hold it for ever.
 */
public interface RotationLease {

    /**
     * Takes the lease for {@code executionId} until {@code ttl} from now, or renews it when this execution holds it
     * already (a resumed execution takes over its own lease).
     *
     * @throws LeaseHeldException when another execution holds an unexpired lease
     */
    Lease acquire(String executionId, String holder, Duration ttl);

    /**
     * Extends the lease this execution holds.
     *
     * @throws LeaseHeldException when the lease expired and another execution took it
     */
    Lease renew(Lease lease, Duration ttl);

    /** Gives the lease up; nothing happens when this execution no longer holds it. */
    void release(Lease lease);

    /** The lease as it stands, expired or not; empty when no execution ever took it or the last one released it. */
    Optional<Lease> current();

    /**
     * The same lease, asking {@code region}'s copy first (an execution's target, which answers when the source is
     * gone); a lease kept in one place ignores it.
     */
    default RotationLease preferring(String region) {
        return this;
    }

    /** Who holds the lease, for which execution, until when. */
    record Lease(String executionId, String holder, Instant expiresAt) {
        public boolean expiredAt(Instant now) {
            return !expiresAt.isAfter(now);
        }

        /**
         * Whether {@code executionId} may take this lease at {@code now}: it is its own (a resume takes over its own
         * lease) or it expired. What every lease store's conditional write says.
         */
        public boolean admits(String executionId, Instant now) {
            return this.executionId.equals(executionId) || expiredAt(now);
        }
    }

    /** Another execution holds the lease: the message names its holder, execution and expiry. */
    final class LeaseHeldException extends RuntimeException {
        private final Lease held;

        public LeaseHeldException(Lease held) {
            super("another rotation is running: execution " + held.executionId() + " by " + held.holder()
                    + " holds the lease until " + held.expiresAt());
            this.held = held;
        }

        public Lease held() {
            return held;
        }
    }
}
