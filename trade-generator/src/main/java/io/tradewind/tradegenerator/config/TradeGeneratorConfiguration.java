package io.tradewind.tradegenerator.config;

import io.tradewind.model.topology.App;
import io.tradewind.model.topology.RoutingControls;
import io.tradewind.platform.app.spring.HealthProbes;
import io.tradewind.platform.app.spring.SpringCloudAwsClients;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.gateway.JmsConnections;
import io.tradewind.platform.regiongate.ActiveRegionConnectionFactory;
import io.tradewind.platform.regiongate.ArcRoutingControlReader;
import io.tradewind.platform.regiongate.PinnedOnRoutingControls;
import io.tradewind.platform.regiongate.RegionGate;
import io.tradewind.platform.regiongate.RoutingControlReader;
import io.tradewind.tradegenerator.adapter.jms.JmsTradeSink;
import io.tradewind.tradegenerator.adapter.jms.SenderLogins;
import io.tradewind.tradegenerator.adapter.jsonl.JsonLinesOutcomeRecorder;
import io.tradewind.tradegenerator.domain.GenerationSettings;
import io.tradewind.tradegenerator.domain.TradePairFactory;
import io.tradewind.tradegenerator.posting.OutcomeRecorder;
import io.tradewind.tradegenerator.posting.TradeGenerator;
import jakarta.jms.ConnectionFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * The generator as a bean, when enabled. It follows the global {@code generator} routing control when {@code
 * tradewind.arc.*} names a control panel; otherwise the composing application may provide one {@code BooleanSupplier}
 * bean as the gate (without either the generator posts from start-up), a {@code Clock} (for today's trade date), and {@code OutcomeRecorder} beans that
 * get every committed pair besides the outcomes file.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TradeGeneratorProperties.class)
@Import(SpringCloudAwsClients.class) // the ARC cluster's clients, located the Spring Cloud AWS way
class TradeGeneratorConfiguration {
    /**
     * The global {@code generator} routing control, read through the ARC cluster's endpoints like every region gate,
     * when the environment names a control panel (the sandbox, AWS). It guards nothing itself: the generator polls it.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "tradewind.trade-generator", name = "enabled", havingValue = "true")
    @ConditionalOnProperty(prefix = "tradewind.arc", name = "control-panel-arn")
    RegionGate generatorControl(Environment environment, ObjectProvider<AwsClientFactory> aws) {
        PlatformProperties platform = platform(environment);
        RegionGate gate = new RegionGate(
                platform.arc().routingControlArn(RoutingControls.GENERATOR),
                routingControls(platform, environment, aws),
                Duration.ofMillis(500),
                List.of());
        gate.start();
        return gate;
    }

    /**
     * With {@code tradewind.trade-generator.region-brokers.<region>} set, the generator reaches the broker of the
     * region whose trade-matching inbound control is On and follows a rotation, as counterparties do through DNS.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "tradewind.trade-generator", name = "enabled", havingValue = "true")
    @ConditionalOnProperty(prefix = "tradewind.arc", name = "control-panel-arn")
    ActiveRegionConnectionFactory activeRegionBroker(
            TradeGeneratorProperties properties, Environment environment, ObjectProvider<AwsClientFactory> aws) {
        if (properties.regionBrokers().isEmpty()) return null;
        PlatformProperties platform = platform(environment);
        return JmsConnections.followingInbound(
                App.TRADE_MATCHING.id(),
                properties.regionBrokers(),
                platform.arc(),
                routingControls(platform, environment, aws),
                Duration.ofMillis(500),
                null, // each sender logs in as itself
                platform.mq().truststore());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(prefix = "tradewind.trade-generator", name = "enabled", havingValue = "true")
    TradeGenerator tradeGenerator(
            TradeGeneratorProperties properties,
            Environment environment,
            ObjectProvider<BooleanSupplier> gate,
            ObjectProvider<RegionGate> generatorControl,
            ObjectProvider<ActiveRegionConnectionFactory> activeRegionBroker,
            ObjectProvider<Clock> clock,
            ObjectProvider<OutcomeRecorder> recorders) {
        GenerationSettings settings =
                GenerationSettings.defaults(properties.seed(), clock.getIfAvailable(Clock::systemDefaultZone));
        if (properties.runId() != null) settings = settings.withRunId(properties.runId());
        ConnectionFactory following = activeRegionBroker.getIfAvailable();
        ConnectionFactory broker = following != null
                ? following
                : JmsConnections.activeMq(brokerUrl(properties, environment), truststore(environment));
        SenderLogins logins =
                properties.credentialsFile() == null ? null : SenderLogins.fromFile(properties.credentialsFile());
        TradeGenerator.Builder builder = TradeGenerator.builder(
                        new TradePairFactory(settings), new JmsTradeSink(broker, logins), properties.rate())
                .recorder(new JsonLinesOutcomeRecorder(properties.outcomesFile()));
        recorders.orderedStream().forEach(builder::recorder);
        RegionGate control = generatorControl.getIfAvailable();
        BooleanSupplier routingControl = control != null ? control::isOpen : gate.getIfAvailable();
        if (routingControl != null) builder.gate(routingControl);
        if (properties.pairs() != null) builder.maxPairs(properties.pairs());
        return builder.build();
    }

    /**
     * Readiness, in the {@code readiness} health group: a generator that follows its routing control is ready once it
     * has read it (On or Off); one that follows none, or is not enabled, has nothing to wait for.
     */
    @Bean
    HealthIndicator generatorControlHealthIndicator(ObjectProvider<RegionGate> generatorControl) {
        return () -> {
            RegionGate control = generatorControl.getIfAvailable();
            if (control == null)
                return Health.up().withDetail("routingControl", "none followed").build();
            return HealthProbes.regionGates(List.of(control));
        };
    }

    /** The ARC cluster's endpoints, or every control On where no ARC exists ({@link PinnedOnRoutingControls}). */
    private static RoutingControlReader routingControls(
            PlatformProperties platform, Environment environment, ObjectProvider<AwsClientFactory> aws) {
        return PinnedOnRoutingControls.readerFor(
                environment.getProperty(PinnedOnRoutingControls.PROPERTY, Boolean.class, false),
                () -> ArcRoutingControlReader.of(aws.getObject(), platform));
    }

    private static PlatformProperties platform(Environment environment) {
        return Binder.get(environment)
                .bind("tradewind", PlatformProperties.class)
                .orElseThrow(() -> new IllegalStateException("tradewind.* settings are missing"));
    }

    /** {@code tradewind.mq.truststore.*}, which an ssl:// broker URL trusts; null: the JDK's trust store. */
    private static PlatformProperties.Truststore truststore(Environment environment) {
        return Binder.get(environment)
                .bind("tradewind.mq.truststore", PlatformProperties.Truststore.class)
                .orElse(null);
    }

    private static URI brokerUrl(TradeGeneratorProperties properties, Environment environment) {
        if (properties.brokerUrl() != null) return properties.brokerUrl();
        String regionBroker = environment.getProperty("tradewind.mq.broker-url");
        if (regionBroker == null || regionBroker.isBlank()) {
            throw new IllegalStateException(
                    "neither tradewind.trade-generator.broker-url nor tradewind.mq.broker-url is set");
        }
        return URI.create(regionBroker);
    }
}
