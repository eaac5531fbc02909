package io.tradewind.tradegenerator.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Everything that decides which pairs a {@link TradePairFactory} makes: the same settings always yield the same
 * messages. The run id makes tradeRefs and messageIds unique across runs; it defaults to {@code "G" + seed}, so two runs
 * with the same seed and no run id post the same ids (and the platform treats the second as redelivery).
 */
public record GenerationSettings(
        long seed,
        String runId,
        Counterparties counterparties,
        Securities securities,
        LocalDate tradeDate,
        Tolerances tolerances) {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]+");

    public GenerationSettings {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("runId must be letters, digits, '.', '_' or '-': " + runId);
        }
        if (counterparties == null) throw new IllegalArgumentException("counterparties is null");
        if (securities == null) throw new IllegalArgumentException("securities is null");
        if (tradeDate == null) throw new IllegalArgumentException("tradeDate is null");
        if (tolerances == null) throw new IllegalArgumentException("tolerances is null");
    }

    /** The default run id of a seed, e.g. {@code G42}. */
    public static String defaultRunId(long seed) {
        return "G" + seed;
    }

    /** Default counterparties, securities and tolerances, run id {@code "G" + seed}, trade date today per the clock. */
    public static GenerationSettings defaults(long seed, Clock clock) {
        return new GenerationSettings(
                seed,
                defaultRunId(seed),
                Counterparties.defaults(),
                Securities.defaults(),
                LocalDate.now(clock),
                Tolerances.defaults());
    }

    public GenerationSettings withRunId(String runId) {
        return new GenerationSettings(seed, runId, counterparties, securities, tradeDate, tolerances);
    }

    public GenerationSettings withCounterparties(Counterparties counterparties) {
        return new GenerationSettings(seed, runId, counterparties, securities, tradeDate, tolerances);
    }

    public GenerationSettings withSecurities(Securities securities) {
        return new GenerationSettings(seed, runId, counterparties, securities, tradeDate, tolerances);
    }

    public GenerationSettings withTradeDate(LocalDate tradeDate) {
        return new GenerationSettings(seed, runId, counterparties, securities, tradeDate, tolerances);
    }
}
