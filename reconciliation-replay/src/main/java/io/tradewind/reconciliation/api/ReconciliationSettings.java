package io.tradewind.reconciliation.api;

import java.time.Duration;
import java.time.Instant;

/**
 * What one reconciliation run checks and how fast it replays.
 *
 * @param app whose journal, records and streams are reconciled, e.g. {@code trade-matching}
 * @param window how far back journaled inputs are checked (24 h by default)
 * @param maxReplaysPerSecond the pace of replays, so a large gap does not flood the active region
 * @param until where the window ends (null: now). The runbook ends it where the target region started to accept new
 *     inputs: those are in flight in a live pipeline, not left behind.
 */
public record ReconciliationSettings(String app, Duration window, int maxReplaysPerSecond, Instant until) {
    public ReconciliationSettings {
        if (app == null || app.isBlank()) throw new IllegalArgumentException("app is blank");
        if (window == null || window.isNegative() || window.isZero())
            throw new IllegalArgumentException("window must be positive: " + window);
        if (maxReplaysPerSecond < 1)
            throw new IllegalArgumentException("maxReplaysPerSecond must be at least 1: " + maxReplaysPerSecond);
    }

    public static ReconciliationSettings of(String app) {
        return new ReconciliationSettings(app, Duration.ofHours(24), 500, null);
    }

    public ReconciliationSettings endingAt(Instant end) {
        return new ReconciliationSettings(app, window, maxReplaysPerSecond, end);
    }
}
