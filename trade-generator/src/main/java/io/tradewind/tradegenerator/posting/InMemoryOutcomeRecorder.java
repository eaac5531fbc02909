package io.tradewind.tradegenerator.posting;

import io.tradewind.tradegenerator.domain.ExpectedOutcome;
import java.util.ArrayList;
import java.util.List;

/** Keeps every recorded outcome in memory, for tests and the load harness to read while the generator runs. */
public final class InMemoryOutcomeRecorder implements OutcomeRecorder {
    private final List<ExpectedOutcome> outcomes = new ArrayList<>();

    @Override
    public synchronized void record(List<ExpectedOutcome> committed) {
        outcomes.addAll(committed);
    }

    /** A snapshot of what was recorded so far, in posting order. */
    public synchronized List<ExpectedOutcome> outcomes() {
        return List.copyOf(outcomes);
    }

    public synchronized int size() {
        return outcomes.size();
    }
}
