package io.tradewind.settlementmatching.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.platform.pipeline.PeerBroker;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SettlementMatchingPropertiesTest {

    private static SettlementMatchingProperties bound(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bind("tradewind.settlement-matching", SettlementMatchingProperties.class)
                .orElseGet(SettlementMatchingProperties::defaults);
    }

    @Test
    void sendsConfirmationsToTradeMatchingsBrokerInEachRegionWhenConfigured() {
        var settings = bound(Map.of(
                "tradewind.settlement-matching.trade-matching-region-brokers.us-east-1", "tcp://east.example:61616",
                "tradewind.settlement-matching.trade-matching-region-brokers.us-west-2", "tcp://west.example:61616",
                "tradewind.settlement-matching.trade-matching-broker-url", "tcp://fixed.example:61616"));

        assertThat(settings.tradeMatchingBroker().app()).isEqualTo("trade-matching");
        assertThat(settings.tradeMatchingBroker().regionBrokers())
                .containsOnly(
                        Map.entry("us-east-1", URI.create("tcp://east.example:61616")),
                        Map.entry("us-west-2", URI.create("tcp://west.example:61616")));
    }

    @Test
    void sendsConfirmationsToTheFixedTradeMatchingBrokerOtherwise() {
        assertThat(bound(Map.of("tradewind.settlement-matching.trade-matching-broker-url", "tcp://tm.example:61616"))
                        .tradeMatchingBroker())
                .isEqualTo(new PeerBroker("trade-matching", URI.create("tcp://tm.example:61616"), Map.of()));
        assertThat(bound(Map.of()).tradeMatchingBroker().regionBrokers()).isEmpty();
    }
}
