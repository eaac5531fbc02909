package io.tradewind.tradematching.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.platform.pipeline.PeerBroker;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class TradeMatchingPropertiesTest {

    @Test
    void takesTolerancesFromConfigurationWithDefaultsForTheRest() {
        var settings = new TradeMatchingProperties(null, null, null, null, new BigDecimal("1.00"), null, null);
        assertThat(settings.tolerances().netAmountToleranceUpToThreshold()).isEqualByComparingTo("1.00");
        assertThat(settings.tolerances().netAmountToleranceAboveThreshold()).isEqualByComparingTo("25.00");
        assertThat(settings.tolerances().priceScale()).isEqualTo(4);
    }

    private static TradeMatchingProperties bound(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bind("tradewind.trade-matching", TradeMatchingProperties.class)
                .orElseGet(TradeMatchingProperties::defaults);
    }

    @Test
    void sendsInstructionsToSettlementMatchingsBrokerInEachRegionWhenConfigured() {
        var settings = bound(Map.of(
                "tradewind.trade-matching.settlement-region-brokers.us-east-1", "tcp://east.example:61616",
                "tradewind.trade-matching.settlement-region-brokers.us-west-2", "tcp://west.example:61616"));

        assertThat(settings.settlementBroker())
                .isEqualTo(new PeerBroker(
                        "settlement-matching",
                        null,
                        Map.of(
                                "us-east-1", URI.create("tcp://east.example:61616"),
                                "us-west-2", URI.create("tcp://west.example:61616"))));
    }

    @Test
    void sendsInstructionsToTheFixedSettlementBrokerOtherwise() {
        assertThat(bound(Map.of("tradewind.trade-matching.settlement-broker-url", "tcp://settlement.example:61616"))
                        .settlementBroker())
                .isEqualTo(
                        new PeerBroker("settlement-matching", URI.create("tcp://settlement.example:61616"), Map.of()));
        assertThat(bound(Map.of()).settlementBroker())
                .as("neither set: our own broker")
                .isEqualTo(new PeerBroker("settlement-matching", null, Map.of()));
    }

    @Test
    void holdsACancelForItsTradeThirtySecondsUnlessConfiguredOtherwise() {
        assertThat(bound(Map.of()).heldCancels().grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bound(Map.of("tradewind.trade-matching.cancel-grace", "2s"))
                        .heldCancels()
                        .grace())
                .isEqualTo(Duration.ofSeconds(2));
    }
}
