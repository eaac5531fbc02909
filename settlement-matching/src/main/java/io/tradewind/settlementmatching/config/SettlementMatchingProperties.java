package io.tradewind.settlementmatching.config;

import io.tradewind.model.topology.App;
import io.tradewind.platform.pipeline.PeerBroker;
import io.tradewind.settlementmatching.domain.SettlementTolerances;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settlement matching's own settings, under {@code tradewind.settlement-matching}; the settings every app shares
 * (stages, shards, batch sizes, polling) are the template's {@link io.tradewind.platform.pipeline.PipelineSettings},
 * under the same prefix.
 *
 * @param tradeMatchingBrokerUrl trade matching's broker, where confirmations go (default: this app's broker)
 * @param tradeMatchingRegionBrokers trade matching's broker in each region, by region name: when set, confirmations go
 *     to the region whose {@code trade-matching-inbound-<region>} routing control is On and follow a rotation (instead
 *     of {@code tradeMatchingBrokerUrl})
 * @param amountThreshold the CSDR tier boundary (default 100000)
 * @param amountToleranceUpToThreshold tolerance up to and at the threshold (default 2.00)
 * @param amountToleranceAboveThreshold tolerance above it (default 25.00)
 * @param currencyTolerances per-currency tiers that replace the default, e.g. {@code currency-tolerances.JPY.*}
 */
@ConfigurationProperties(SettlementMatchingProperties.PREFIX)
public record SettlementMatchingProperties(
        URI tradeMatchingBrokerUrl,
        Map<String, URI> tradeMatchingRegionBrokers,
        BigDecimal amountThreshold,
        BigDecimal amountToleranceUpToThreshold,
        BigDecimal amountToleranceAboveThreshold,
        Map<String, SettlementTolerances.Tier> currencyTolerances) {

    public static final String PREFIX = "tradewind.settlement-matching";

    public SettlementMatchingProperties {
        tradeMatchingRegionBrokers =
                tradeMatchingRegionBrokers == null ? Map.of() : Map.copyOf(tradeMatchingRegionBrokers);
    }

    public static SettlementMatchingProperties defaults() {
        return new SettlementMatchingProperties(null, null, null, null, null, null);
    }

    /** Where confirmations go: trade matching's broker, as configured. */
    public PeerBroker tradeMatchingBroker() {
        return new PeerBroker(App.TRADE_MATCHING.id(), tradeMatchingBrokerUrl, tradeMatchingRegionBrokers);
    }

    public SettlementTolerances tolerances() {
        SettlementTolerances.Tier csdr = SettlementTolerances.csdr().defaultTier();
        SettlementTolerances.Tier tier = new SettlementTolerances.Tier(
                amountThreshold == null ? csdr.threshold() : amountThreshold,
                amountToleranceUpToThreshold == null ? csdr.toleranceUpToThreshold() : amountToleranceUpToThreshold,
                amountToleranceAboveThreshold == null ? csdr.toleranceAboveThreshold() : amountToleranceAboveThreshold);
        return new SettlementTolerances(tier, currencyTolerances == null ? Map.of() : currencyTolerances);
    }
}
