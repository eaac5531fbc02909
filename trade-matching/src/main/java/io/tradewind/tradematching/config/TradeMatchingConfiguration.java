package io.tradewind.tradematching.config;

import io.tradewind.platform.app.MatchingApp;
import io.tradewind.platform.app.spring.MatchingAppConfiguration;
import java.time.Clock;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Trade matching on the app template: its own settings and stages; the template supplies the rest. */
@Configuration(proxyBeanMethods = false)
@Import(MatchingAppConfiguration.class)
@PropertySource("classpath:io/tradewind/tradematching/config/trade-matching-defaults.properties")
class TradeMatchingConfiguration {

    @Bean
    TradeMatchingProperties tradeMatchingProperties(Environment environment) {
        return Binder.get(environment)
                .bind(TradeMatchingProperties.PREFIX, TradeMatchingProperties.class)
                .orElseGet(TradeMatchingProperties::defaults);
    }

    @Bean
    MatchingApp tradeMatching(
            TradeMatchingProperties settings, JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        return new TradeMatchingStages(settings, jdbc, transaction, clock);
    }
}
