package io.tradewind.platform.idempotency;

import java.util.Collection;
import java.util.Set;

/** The message ids an outbound gateway has sent, kept durably (a DynamoDB global table on AWS). */
public interface SentLog {

    /** Which of these ids were sent already. */
    Set<String> alreadySent(Collection<String> messageIds);

    /** Records these ids as sent; recording an id twice is harmless. */
    void recordSent(Collection<String> messageIds);
}
