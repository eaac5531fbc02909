package io.tradewind.tradematching.config;

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

/** Trade matching on the app template: its own settings and stages; the template supplies the rest. */
@Configuration(proxyBeanMethods = false)
@Import(MatchingAppConfiguration.class)
@EnableConfigurationProperties(TradeMatchingProperties.class)
@PropertySource("classpath:io/tradewind/tradematching/config/trade-matching-defaults.properties")
class TradeMatchingConfiguration {

    @Bean
    MatchingApp tradeMatching(
            TradeMatchingProperties settings, JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        return new MatchingApp(
                App.TRADE_MATCHING,
                settings.settlementBroker(),
                new TradeMatchingStages(settings, jdbc, transaction, clock));
    }
}
