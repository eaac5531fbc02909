package io.tradewind.platform.idempotency;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * A sent-log in an asynchronously replicated store, which a failover can leave without its newest entries: it says
 * how far its copy reaches, so {@link SentLogRecovery} can put back what the send ledger holds beyond that.
 */
public interface RecoverableSentLog extends SentLog {

    /** The send time of the newest id this copy holds, if it holds any. */
    Optional<Instant> newestSentAt();

    /** Records those of these ids it does not hold yet, as sent now; returns how many that was. */
    int recordMissing(Collection<String> messageIds);
}
