package io.tradewind.tradematching.config;

import io.tradewind.tradematching.domain.MatchingTolerances;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Trade matching's own settings, under {@code tradewind.trade-matching}.
 *
 * @param stages which stages this process runs (default: all five)
 * @param settlementBrokerUrl the settlement app's broker, where instructions go (default: this app's broker)
 * @param shards shards per stream when the sandbox creates them
 * @param inboundConsumers concurrent consumers of {@code trades.inbound} (default 1, which keeps each sender's
 *     messages in the order sent; more trade that for throughput, as several gateway tasks on AWS would)
 * @param pricePlaces decimal places at which prices must agree
 */
public record TradeMatchingProperties(
        List<String> stages,
        URI settlementBrokerUrl,
        Integer shards,
        Integer maxRecordsPerBatch,
        Integer inboundConsumers,
        Duration idleTimeBetweenReads,
        Duration routingControlPollInterval,
        Integer pricePlaces,
        BigDecimal netAmountThreshold,
        BigDecimal netAmountToleranceUpToThreshold,
        BigDecimal netAmountToleranceAboveThreshold) {

    public static final String APP = "trade-matching";

    public Set<StageName> selectedStages() {
        if (stages == null || stages.isEmpty()) return EnumSet.allOf(StageName.class);
        EnumSet<StageName> selected = EnumSet.noneOf(StageName.class);
        stages.forEach(name -> selected.add(StageName.of(name)));
        return selected;
    }

    public int shardsOrDefault() {
        return shards == null ? 2 : shards;
    }

    public int maxRecordsPerBatchOrDefault() {
        return maxRecordsPerBatch == null ? 500 : maxRecordsPerBatch;
    }

    public int inboundConsumersOrDefault() {
        return inboundConsumers == null ? 1 : inboundConsumers;
    }

    public Duration idleTimeBetweenReadsOrDefault() {
        return idleTimeBetweenReads == null ? Duration.ofMillis(200) : idleTimeBetweenReads;
    }

    public Duration routingControlPollIntervalOrDefault() {
        return routingControlPollInterval == null ? Duration.ofSeconds(1) : routingControlPollInterval;
    }

    public MatchingTolerances tolerances() {
        MatchingTolerances defaults = MatchingTolerances.defaults();
        return new MatchingTolerances(
                pricePlaces == null ? defaults.priceScale() : pricePlaces,
                netAmountThreshold == null ? defaults.netAmountThreshold() : netAmountThreshold,
                netAmountToleranceUpToThreshold == null
                        ? defaults.netAmountToleranceUpToThreshold()
                        : netAmountToleranceUpToThreshold,
                netAmountToleranceAboveThreshold == null
                        ? defaults.netAmountToleranceAboveThreshold()
                        : netAmountToleranceAboveThreshold);
    }

    /** The stream a stage consumes, e.g. {@code trade-matching-ingestion}. */
    public static String streamInto(StageName stage) {
        return APP + "-" + stage.configName();
    }
}
