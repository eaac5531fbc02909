package io.tradewind.opsconsole.adapter.reconciliation;

import io.tradewind.opsconsole.runbook.Reconciliation;
import io.tradewind.reconciliation.replay.Reconciler;
import io.tradewind.reconciliation.replay.ReconciliationRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Runs reconciliation-replay's {@link Reconciler} of the target region in the runbook's process. */
public final class ReplayingReconciliation implements Reconciliation {
    private final Map<String, Reconciler> reconcilers;
    private final Duration window;
    private final int maxReplaysPerSecond;

    /**
     * @param reconcilers per region, the reconciler reading that region's journal and database
     * @param window how far back inputs are checked
     */
    public ReplayingReconciliation(Map<String, Reconciler> reconcilers, Duration window, int maxReplaysPerSecond) {
        this.reconcilers = Map.copyOf(reconcilers);
        this.window = window;
        this.maxReplaysPerSecond = maxReplaysPerSecond;
    }

    @Override
    public Result reconcile(String app, String region, Instant until) {
        ReconciliationRun run = reconciler(region).run(settings(app, until));
        return new Result(run.runId(), run.journaled(), run.replayed());
    }

    @Override
    public List<String> outstanding(String app, String region, Instant until) {
        return reconciler(region).outstanding(settings(app, until));
    }

    private Reconciler.Settings settings(String app, Instant until) {
        return new Reconciler.Settings(app, window, maxReplaysPerSecond, until);
    }

    private Reconciler reconciler(String region) {
        Reconciler reconciler = reconcilers.get(region);
        if (reconciler == null) throw new IllegalArgumentException("no reconciler configured for " + region);
        return reconciler;
    }
}
