package io.tradewind.platform.app.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tradewind.platform.metrics.StageHealth;
import io.tradewind.platform.metrics.StageMetrics;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mock.env.MockEnvironment;

/** Every app's health endpoint reports a stage held by a dependency, within the limit configuration sets. */
class StagesHealthIndicatorTest {
    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final StageMetrics matching = new StageMetrics(registry, "trade-matching-matching");

    private HealthIndicator indicator() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("meterRegistry", registry);
        MockEnvironment environment = new MockEnvironment().withProperty(StageHealth.LIMIT_PROPERTY, "5s");
        environment.setConversionService(new ApplicationConversionService());
        return new MatchingAppConfiguration()
                .stagesHealthIndicator(beans.getBeanProvider(MeterRegistry.class), environment);
    }

    @Test
    void upWhileStagesGetThroughAndDownWithDetailsOnceOneIsHeldPastTheLimit() {
        HealthIndicator health = indicator();
        matching.attemptStarted();
        clock.add(Duration.ofSeconds(4));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        matching.attemptFailed(new DependencyUnavailableException("postgres", "statement timeout", null));
        clock.add(Duration.ofSeconds(2));

        var report = health.health();
        assertThat(report.getStatus()).isEqualTo(Status.DOWN);
        assertThat(report.getDetails()).containsEntry("limitSeconds", 5.0);
        assertThat(report.getDetails().get("stages").toString())
                .contains("trade-matching-matching")
                .contains("held=true")
                .contains("postgres=1");
    }
}
