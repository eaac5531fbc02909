package io.tradewind.settlementmatching.config;

import io.tradewind.platform.pipeline.PeerBroker;
import io.tradewind.platform.pipeline.PipelineSettings;
import io.tradewind.platform.pipeline.StageName;
import io.tradewind.platform.pipeline.StagePipeline;
import io.tradewind.settlementmatching.domain.SettlementTolerances;
import io.tradewind.settlementmatching.flow.Brokers;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settlement matching's own settings, under {@code tradewind.settlement-matching}.
 *
 * @param stages which stages this process runs (default: all five)
 * @param tradeMatchingBrokerUrl trade matching's broker, where confirmations go (default: this app's broker)
 * @param tradeMatchingRegionBrokers trade matching's broker in each region, by region name: when set, confirmations go
 *     to the region whose {@code trade-matching-inbound-<region>} routing control is On and follow a rotation (instead
 *     of {@code tradeMatchingBrokerUrl})
 * @param amountThreshold the CSDR tier boundary (default 100000)
 * @param amountToleranceUpToThreshold tolerance up to and at the threshold (default 2.00)
 * @param amountToleranceAboveThreshold tolerance above it (default 25.00)
 * @param currencyTolerances per-currency tiers that replace the default, e.g. {@code currency-tolerances.JPY.*}
 */
public record SettlementMatchingProperties(
        List<String> stages,
        URI tradeMatchingBrokerUrl,
        Map<String, URI> tradeMatchingRegionBrokers,
        Integer shards,
        Integer maxRecordsPerBatch,
        Integer inboundConsumers,
        Duration idleTimeBetweenReads,
        Duration routingControlPollInterval,
        Duration checkpointInterval,
        BigDecimal amountThreshold,
        BigDecimal amountToleranceUpToThreshold,
        BigDecimal amountToleranceAboveThreshold,
        Map<String, SettlementTolerances.Tier> currencyTolerances) {

    public static final String APP = "settlement-matching";

    public SettlementMatchingProperties {
        tradeMatchingRegionBrokers =
                tradeMatchingRegionBrokers == null ? Map.of() : Map.copyOf(tradeMatchingRegionBrokers);
    }

    public static SettlementMatchingProperties defaults() {
        return new SettlementMatchingProperties(
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Where confirmations go: trade matching's broker, as configured. */
    public PeerBroker tradeMatchingBroker() {
        return new PeerBroker(Brokers.TRADE_MATCHING, tradeMatchingBrokerUrl, tradeMatchingRegionBrokers);
    }

    /** The settings the shared pipeline assembly reads. */
    public PipelineSettings pipeline() {
        return new PipelineSettings(
                stages,
                shards,
                maxRecordsPerBatch,
                inboundConsumers,
                idleTimeBetweenReads,
                routingControlPollInterval,
                checkpointInterval);
    }

    public SettlementTolerances tolerances() {
        SettlementTolerances.Tier csdr = SettlementTolerances.csdr().defaultTier();
        SettlementTolerances.Tier tier = new SettlementTolerances.Tier(
                amountThreshold == null ? csdr.threshold() : amountThreshold,
                amountToleranceUpToThreshold == null ? csdr.toleranceUpToThreshold() : amountToleranceUpToThreshold,
                amountToleranceAboveThreshold == null ? csdr.toleranceAboveThreshold() : amountToleranceAboveThreshold);
        return new SettlementTolerances(tier, currencyTolerances == null ? Map.of() : currencyTolerances);
    }

    /** The stream a stage consumes, e.g. {@code settlement-matching-ingestion}. */
    public static String streamInto(StageName stage) {
        return StagePipeline.streamInto(APP, stage);
    }
}
