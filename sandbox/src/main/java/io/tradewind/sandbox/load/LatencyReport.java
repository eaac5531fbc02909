package io.tradewind.sandbox.load;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a set of latencies in milliseconds, printed the way benchmark notes quote them. */
record LatencyReport(int count, long p50, long p90, long p99, long max) {

    static LatencyReport of(long[] latenciesMillis) {
        long[] sorted = latenciesMillis.clone();
        Arrays.sort(sorted);
        return new LatencyReport(
                sorted.length,
                percentile(sorted, 0.50),
                percentile(sorted, 0.90),
                percentile(sorted, 0.99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
    }

    /** Nearest-rank percentile. */
    static long percentile(long[] sorted, double quantile) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    String describe() {
        return String.format(Locale.ROOT, "n=%d p50=%d ms p90=%d ms p99=%d ms max=%d ms", count, p50, p90, p99, max);
    }
}
