package io.tradewind.platform.gateway;

import java.util.List;
import java.util.Set;

/** The durable record of every message a gateway accepted, written before the message is acknowledged. */
public interface InboundJournal {

    /**
     * Records each entry unless its key is already journaled (conditionally, so concurrent gateways agree).
     *
     * @return the keys of entries a sender had already sent: journaled earlier under another broker delivery
     */
    Set<String> recordAll(List<JournalEntry> entries);
}
