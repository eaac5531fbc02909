package io.tradewind.opsconsole.runbook;

import java.time.Duration;
import java.util.List;

/**
 * What an operator asks for: move {@code apps} from {@code source} to {@code target} in {@code mode}. The dry run
 * describes it; an execution runs it.
 *
 * @param drainTimeout how long the source may take to drain; null for the runbook's default
 * @param fullWindow reconcile the whole window, not only what was journaled since the last planned rotation
 */
public record RotationRequest(
        RotationMode mode, List<String> apps, String source, String target, Duration drainTimeout, boolean fullWindow) {

    public RotationRequest {
        if (mode == null) throw new IllegalArgumentException("mode is missing");
        if (apps == null || apps.isEmpty()) throw new IllegalArgumentException("apps is empty");
        apps = List.copyOf(apps);
    }

    /** One plan per app, moved together step by step. */
    public List<RotationPlan> plans() {
        return apps.stream()
                .map(app -> RotationPlan.of(app, mode, source, target))
                .toList();
    }
}
