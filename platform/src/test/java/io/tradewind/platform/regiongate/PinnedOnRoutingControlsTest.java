package io.tradewind.platform.regiongate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PinnedOnRoutingControlsTest {
    private static final String PANEL = "arn:aws:route53-recovery-control::000000000000:controlpanel/tradewind";

    /** A cluster that answers nothing, as the configured endpoint would where no ARC exists. */
    private static final RoutingControlReader UNREACHABLE_CLUSTER = arn -> {
        throw new RoutingControlUnavailableException("no ARC cluster answers for " + arn, null);
    };

    @Test
    void readsEveryControlOnWithoutAskingAnyone() {
        RoutingControlReader pinned = PinnedOnRoutingControls.readerFor(true, () -> {
            throw new AssertionError("a pinned reader never builds the ARC clients");
        });
        assertThat(pinned).isInstanceOf(PinnedOnRoutingControls.class);
        // A pinned reader asks no one.
        assertThat(pinned.isOn(PANEL + "/routingcontrol/any")).isTrue();
        assertThat(pinned.isOn(PANEL + "/routingcontrol/other")).isTrue();
    }

    @Test
    void opensAGateAtItsFirstPoll() {
        RegionGate gate = new RegionGate(
                PANEL + "/routingcontrol/c",
                PinnedOnRoutingControls.readerFor(true, () -> {
                    throw new AssertionError("a pinned reader never builds the ARC clients");
                }),
                Duration.ofSeconds(1),
                List.of());
        gate.poll();
        assertThat(gate.isOpen()).isTrue();
        assertThat(gate.isReady()).isTrue();
        gate.close();
    }

    @Test
    void unlessPinnedTheControlsAreReadFromTheArcCluster() {
        RoutingControlReader reader = PinnedOnRoutingControls.readerFor(false, () -> UNREACHABLE_CLUSTER);
        assertThat(reader).isSameAs(UNREACHABLE_CLUSTER);
        RegionGate gate = new RegionGate(PANEL + "/routingcontrol/c", reader, Duration.ofSeconds(1), List.of());
        gate.poll(); // nothing answers: the gate stays closed, as a region that cannot tell must
        assertThat(gate.isOpen()).isFalse();
        assertThat(gate.readiness().controlRead()).isFalse();
        gate.close();
    }
}
