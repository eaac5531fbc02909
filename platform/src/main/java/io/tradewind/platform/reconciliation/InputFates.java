package io.tradewind.platform.reconciliation;

import io.tradewind.platform.gateway.JournalEntry;
import java.util.Collection;
import java.util.Map;

/**
 * An app's answer to "what became of these inputs" in one region, read from what its stages recorded. Implemented by
 * each app over its own tables; reconciliation compares the answer with the sent-log.
 */
public interface InputFates {
    /**
     * The fate of each of these journaled inputs, by journal key; every input given has one.
     *
     * @throws io.tradewind.platform.resilience.DependencyUnavailableException when the app's records cannot be read
     */
    Map<String, InputFate> fatesOf(Collection<JournalEntry> inputs);
}
