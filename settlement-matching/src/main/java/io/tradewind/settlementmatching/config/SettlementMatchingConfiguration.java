package io.tradewind.settlementmatching.config;

import io.tradewind.model.topology.App;
import io.tradewind.platform.app.MatchingApp;
import io.tradewind.platform.app.spring.MatchingAppConfiguration;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Settlement matching on the app template: its own settings and stages; the template supplies the rest. */
@Configuration(proxyBeanMethods = false)
@Import(MatchingAppConfiguration.class)
@EnableConfigurationProperties(SettlementMatchingProperties.class)
@PropertySource("classpath:io/tradewind/settlementmatching/config/settlement-matching-defaults.properties")
class SettlementMatchingConfiguration {

    @Bean
    MatchingApp settlementMatching(
            SettlementMatchingProperties settings, JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        return new MatchingApp(
                App.SETTLEMENT_MATCHING,
                settings.tradeMatchingBroker(),
                new SettlementMatchingStages(settings, jdbc, transaction, clock));
    }
}
