package io.tradewind.platform.app.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.platform.regiongate.GatedComponent;
import io.tradewind.platform.regiongate.RegionGate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class HealthProbesTest {
    private static final String ARN = "arn:aws:route53-recovery-control::000000000000:controlpanel/p/routingcontrol/";

    /** A component that runs once started and is taking work only when the test says so. */
    private static final class Consumer implements GatedComponent {
        volatile boolean running;
        volatile boolean taking;

        @Override
        public String name() {
            return "consumer";
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public boolean isReady() {
            return running && taking;
        }
    }

    @Test
    void isOutOfServiceBeforeThePipelineHasAnyGate() {
        assertThat(HealthProbes.regionGates(List.of()).getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
    }

    @Test
    void isUpOnceEveryGateHasReadItsControlAndItsOpenGatesComponentsTakeWork() {
        Consumer consumer = new Consumer();
        RegionGate active = new RegionGate(ARN + "processing", arn -> true, Duration.ofSeconds(1), List.of(consumer));
        RegionGate standby = new RegionGate(ARN + "inbound", arn -> false, Duration.ofSeconds(1), List.of());
        RegionGate unread = new RegionGate(
                ARN + "other",
                arn -> {
                    throw new io.tradewind.platform.regiongate.RoutingControlUnavailableException("down", null);
                },
                Duration.ofSeconds(1),
                List.of());
        active.poll();
        standby.poll();
        unread.poll();

        Health withUnread = HealthProbes.regionGates(List.of(active, standby, unread));
        assertThat(withUnread.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(withUnread.getDetails().get(ARN + "other")).isEqualTo(Map.of("controlRead", false, "open", false));

        Health notTaking = HealthProbes.regionGates(List.of(active, standby));
        assertThat(notTaking.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(notTaking.getDetails().get(ARN + "processing"))
                .isEqualTo(Map.of(
                        "controlRead", true, "controlOn", true, "open", true, "notTakingWork", List.of("consumer")));

        consumer.taking = true;
        assertThat(HealthProbes.regionGates(List.of(active, standby)).getStatus())
                .isEqualTo(Status.UP);
        active.close();
    }
}
