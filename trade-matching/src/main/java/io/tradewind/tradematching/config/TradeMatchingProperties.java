package io.tradewind.tradematching.config;

import io.tradewind.model.topology.App;
import io.tradewind.platform.pipeline.PeerBroker;
import io.tradewind.tradematching.domain.MatchingTolerances;
import io.tradewind.tradematching.stage.ingestion.HeldCancelSweep;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Trade matching's own settings, under {@code tradewind.trade-matching}; the settings every app shares (stages,
 * shards, batch sizes, polling) are the template's {@link io.tradewind.platform.pipeline.PipelineSettings}, under the
 * same prefix.
 *
 * @param settlementBrokerUrl the settlement app's broker, where instructions go (default: this app's broker)
 * @param settlementRegionBrokers the settlement app's broker in each region, by region name: when set, instructions go
 *     to the region whose {@code settlement-matching-inbound-<region>} routing control is On and follow a rotation
 *     (instead of {@code settlementBrokerUrl})
 * @param pricePlaces decimal places at which prices must agree
 * @param cancelGrace how long ingestion holds a CANCEL whose trade is not booked, waiting for the NEW it may have
 *     overtaken, before answering it REJECTED UNKNOWN_TRADE (default 30 s)
 */
@ConfigurationProperties(TradeMatchingProperties.PREFIX)
public record TradeMatchingProperties(
        URI settlementBrokerUrl,
        Map<String, URI> settlementRegionBrokers,
        Integer pricePlaces,
        BigDecimal netAmountThreshold,
        BigDecimal netAmountToleranceUpToThreshold,
        BigDecimal netAmountToleranceAboveThreshold,
        Duration cancelGrace) {

    public static final String PREFIX = "tradewind.trade-matching";

    public TradeMatchingProperties {
        settlementRegionBrokers = settlementRegionBrokers == null ? Map.of() : Map.copyOf(settlementRegionBrokers);
    }

    public static TradeMatchingProperties defaults() {
        return new TradeMatchingProperties(null, null, null, null, null, null, null);
    }

    /** Where instructions go: settlement matching's broker, as configured. */
    public PeerBroker settlementBroker() {
        return new PeerBroker(App.SETTLEMENT_MATCHING.id(), settlementBrokerUrl, settlementRegionBrokers);
    }

    /** How ingestion's sweep answers the cancels it holds. */
    public HeldCancelSweep.Settings heldCancels() {
        return new HeldCancelSweep.Settings(
                App.TRADE_MATCHING.id() + "-held-cancel-sweep",
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
}
