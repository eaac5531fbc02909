package io.tradewind.tradematching.config;

import io.tradewind.platform.pipeline.PeerBroker;
import io.tradewind.platform.pipeline.PipelineSettings;
import io.tradewind.platform.pipeline.StageName;
import io.tradewind.platform.pipeline.StagePipeline;
import io.tradewind.tradematching.domain.MatchingTolerances;
import io.tradewind.tradematching.flow.Brokers;
import io.tradewind.tradematching.stage.ingestion.HeldCancelSweep;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Trade matching's own settings, under {@code tradewind.trade-matching}.
 *
 * @param stages which stages this process runs (default: all five)
 * @param settlementBrokerUrl the settlement app's broker, where instructions go (default: this app's broker)
 * @param settlementRegionBrokers the settlement app's broker in each region, by region name: when set, instructions go
 *     to the region whose {@code settlement-matching-inbound-<region>} routing control is On and follow a rotation
 *     (instead of {@code settlementBrokerUrl})
 * @param shards shards per stream when the sandbox creates them
 * @param inboundConsumers concurrent consumers of {@code trades.inbound} (default 1, which keeps each sender's
 *     messages in the order sent; more trade that for throughput, as several gateway tasks on AWS would)
 * @param checkpointInterval the least time between two checkpoints of a stream shard (default 1 s)
 * @param pricePlaces decimal places at which prices must agree
 * @param cancelGrace how long ingestion holds a CANCEL whose trade is not booked, waiting for the NEW it may have
 *     overtaken, before answering it REJECTED UNKNOWN_TRADE (default 30 s)
 */
public record TradeMatchingProperties(
        List<String> stages,
        URI settlementBrokerUrl,
        Map<String, URI> settlementRegionBrokers,
        Integer shards,
        Integer maxRecordsPerBatch,
        Integer inboundConsumers,
        Duration idleTimeBetweenReads,
        Duration routingControlPollInterval,
        Duration checkpointInterval,
        Integer pricePlaces,
        BigDecimal netAmountThreshold,
        BigDecimal netAmountToleranceUpToThreshold,
        BigDecimal netAmountToleranceAboveThreshold,
        Duration cancelGrace) {

    public static final String APP = "trade-matching";

    public TradeMatchingProperties {
        settlementRegionBrokers = settlementRegionBrokers == null ? Map.of() : Map.copyOf(settlementRegionBrokers);
    }

    public static TradeMatchingProperties defaults() {
        return new TradeMatchingProperties(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Where instructions go: settlement matching's broker, as configured. */
    public PeerBroker settlementBroker() {
        return new PeerBroker(Brokers.SETTLEMENT_MATCHING, settlementBrokerUrl, settlementRegionBrokers);
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

    /** How ingestion's sweep answers the cancels it holds. */
    public HeldCancelSweep.Settings heldCancels() {
        return new HeldCancelSweep.Settings(
                APP + "-held-cancel-sweep",
                cancelGrace == null ? HeldCancelSweep.Settings.DEFAULT_GRACE : cancelGrace,
                HeldCancelSweep.Settings.DEFAULT_POLL_INTERVAL,
                HeldCancelSweep.Settings.DEFAULT_BATCH_SIZE);
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
        return StagePipeline.streamInto(APP, stage);
    }
}
