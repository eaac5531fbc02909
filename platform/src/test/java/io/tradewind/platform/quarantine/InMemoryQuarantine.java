package io.tradewind.platform.quarantine;

import io.tradewind.platform.resilience.DependencyUnavailableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** A quarantine in a list, for unit tests: keeps the first input of each id, as the table does. */
public final class InMemoryQuarantine implements Quarantine {
    private final List<QuarantinedInput> held = new ArrayList<>();
    private int failuresLeft;

    /** The next {@code holds} holds fail as a table that is down would. */
    public synchronized void failNext(int holds) {
        failuresLeft = holds;
    }

    @Override
    public synchronized void hold(QuarantinedInput input) {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new DependencyUnavailableException("postgres", "quarantine table unavailable", null);
        }
        if (held.stream().noneMatch(h -> h.quarantineId().equals(input.quarantineId()))) held.add(input);
    }

    public synchronized List<QuarantinedInput> held() {
        return List.copyOf(held);
    }

    /** This quarantine as {@code stage} files into it. */
    public StageQuarantine forStage(String stage, String source) {
        return new StageQuarantine(this, stage, source, Clock.systemUTC());
    }
}
