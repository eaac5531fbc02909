package io.tradewind.opsconsole.adapter.reconciliation;

import io.tradewind.opsconsole.runbook.Reconciliation;
import io.tradewind.reconciliation.api.Reconciler;
import io.tradewind.reconciliation.api.ReconciliationRun;
import io.tradewind.reconciliation.api.ReconciliationSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs reconciliation-replay's {@link Reconciler} of the target region in the runbook's process, through its API. */
public final class ReplayingReconciliation implements Reconciliation {
    private final Map<String, Reconciler> reconcilers;
    private final Duration window;
    private final int maxReplaysPerSecond;

    /**
     * @param reconcilers per region, the reconciler reading that region's journal and database
     * @param window how far back inputs are checked at most (a later start the runbook gives shortens it)
     */
    public ReplayingReconciliation(Map<String, Reconciler> reconcilers, Duration window, int maxReplaysPerSecond) {
        this.reconcilers = Map.copyOf(reconcilers);
        this.window = window;
        this.maxReplaysPerSecond = maxReplaysPerSecond;
    }

    @Override
    public Result reconcile(String app, String region, Optional<Instant> since, Instant until) {
        Duration length = since.map(start -> Duration.between(start, until))
                .filter(shorter -> shorter.compareTo(window) < 0 && !shorter.isNegative() && !shorter.isZero())
                .orElse(window);
        ReconciliationRun run =
                reconciler(region).run(new ReconciliationSettings(app, length, maxReplaysPerSecond, until));
        return new Result(run.runId(), run.windowStart(), run.journaled(), run.replayedKeys());
    }

    @Override
    public List<String> outstanding(String app, String region, Collection<String> journalKeys) {
        return reconciler(region).outstanding(app, journalKeys);
    }

    private Reconciler reconciler(String region) {
        Reconciler reconciler = reconcilers.get(region);
        if (reconciler == null) throw new IllegalArgumentException("no reconciler configured for " + region);
        return reconciler;
    }
}
