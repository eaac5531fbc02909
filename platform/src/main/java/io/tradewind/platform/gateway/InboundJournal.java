package io.tradewind.platform.gateway;

import java.util.List;

/** The durable record of every message a gateway accepted, written before the message is acknowledged. */
public interface InboundJournal {

    /**
     * Records each entry unless its key is already journaled (conditionally, so concurrent gateways agree). A store that
     * cannot be reached fails the call; a store that refuses one entry answers that entry {@link
     * JournalOutcome.Kind#REFUSED} and journals the rest.
     *
     * @return each entry's outcome, in the order of {@code entries}
     */
    List<JournalOutcome> recordAll(List<JournalEntry> entries);
}
