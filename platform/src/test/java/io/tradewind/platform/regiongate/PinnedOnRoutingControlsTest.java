package io.tradewind.platform.regiongate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.platform.config.PlatformProperties;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PinnedOnRoutingControlsTest {
    private static final String PANEL = "arn:aws:route53-recovery-control::000000000000:controlpanel/tradewind";

    private final PlatformProperties platform = new PlatformProperties(
            "us-east-1",
            null,
            new PlatformProperties.Mq(URI.create("tcp://127.0.0.1:9"), null, null, null),
            new PlatformProperties.Arc(List.of(URI.create("http://127.0.0.1:9")), PANEL, null),
            false);

    @Test
    void readsEveryControlOnWithoutAskingAnyone() {
        RoutingControlReader pinned = PinnedOnRoutingControls.readerFor(platform, true);
        assertThat(pinned).isInstanceOf(PinnedOnRoutingControls.class);
        // The configured endpoint (port 9) answers nothing: a pinned reader never calls it.
        assertThat(pinned.isOn(PANEL + "/routingcontrol/any")).isTrue();
        assertThat(pinned.isOn(PANEL + "/routingcontrol/other")).isTrue();
    }

    @Test
    void opensAGateAtItsFirstPoll() {
        RegionGate gate = new RegionGate(
                PANEL + "/routingcontrol/c",
                PinnedOnRoutingControls.readerFor(platform, true),
                Duration.ofSeconds(1),
                List.of());
        gate.poll();
        assertThat(gate.isOpen()).isTrue();
        assertThat(gate.isReady()).isTrue();
        gate.close();
    }

    @Test
    void unlessPinnedTheControlsAreReadFromTheArcCluster() {
        RoutingControlReader reader = PinnedOnRoutingControls.readerFor(platform, false);
        assertThat(reader).isInstanceOf(ArcRoutingControlReader.class);
        RegionGate gate = new RegionGate(PANEL + "/routingcontrol/c", reader, Duration.ofSeconds(1), List.of());
        gate.poll(); // nothing answers on port 9: the gate stays closed, as a region that cannot tell must
        assertThat(gate.isOpen()).isFalse();
        assertThat(gate.readiness().controlRead()).isFalse();
        gate.close();
    }
}
