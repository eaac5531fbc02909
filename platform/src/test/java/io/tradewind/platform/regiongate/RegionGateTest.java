package io.tradewind.platform.regiongate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RegionGateTest {
    private static final String ARN = "arn:aws:route53-recovery-control::000000000000:controlpanel/p/routingcontrol/c";

    /** A control whose state the test sets, and whose endpoints can all be "down". */
    private static final class ScriptedReader implements RoutingControlReader {
        Boolean state;

        @Override
        public boolean isOn(String routingControlArn) {
            if (state == null) throw new RoutingControlUnavailableException("all endpoints down", null);
            return state;
        }
    }

    private static final class RecordingComponent implements GatedComponent {
        final List<String> calls = new ArrayList<>();
        boolean running;

        @Override
        public String name() {
            return "consumer";
        }

        @Override
        public void start() {
            calls.add("start");
            running = true;
        }

        @Override
        public void stop() {
            calls.add("stop");
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    private final ScriptedReader reader = new ScriptedReader();
    private final RecordingComponent component = new RecordingComponent();
    private final RegionGate gate = new RegionGate(ARN, reader, Duration.ofSeconds(1), List.of(component));

    @Test
    void startsWhenTheControlIsOnAndStopsWhenItTurnsOff() {
        reader.state = true;
        gate.poll();
        gate.poll();
        reader.state = false;
        gate.poll();
        assertThat(component.calls).containsExactly("start", "stop");
        assertThat(gate.isOpen()).isFalse();
    }

    /** A component that cannot start until told it may: the sent-log recovery while its stores are unreachable. */
    private static final class FailingComponent implements GatedComponent {
        boolean failing = true;
        int attempts;
        boolean running;

        @Override
        public String name() {
            return "sent-log-recovery";
        }

        @Override
        public void start() {
            attempts++;
            if (failing) throw new IllegalStateException("ledger unreachable");
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
    }

    @Test
    void staysClosedWithNothingRunningWhileAComponentCannotStartAndOpensOnceItCan() {
        RecordingComponent first = new RecordingComponent();
        FailingComponent failing = new FailingComponent();
        RegionGate gate = new RegionGate(ARN, reader, Duration.ofSeconds(1), List.of(first, failing, component));
        reader.state = true;

        gate.poll();
        assertThat(gate.isOpen()).isFalse();
        assertThat(first.calls).containsExactly("start", "stop");
        assertThat(component.calls).isEmpty();

        failing.failing = false;
        gate.poll();
        assertThat(gate.isOpen()).isTrue();
        assertThat(failing.attempts).isEqualTo(2);
        assertThat(first.calls).containsExactly("start", "stop", "start");
        assertThat(component.calls).containsExactly("start");
    }

    /** Each stops only once the other has begun stopping: one after the other, the first would wait in vain. */
    private static final class RendezvousComponent implements GatedComponent {
        final CountDownLatch bothStopping;
        volatile boolean metTheOther;
        volatile boolean running;

        RendezvousComponent(CountDownLatch bothStopping) {
            this.bothStopping = bothStopping;
        }

        @Override
        public String name() {
            return "stage";
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            bothStopping.countDown();
            try {
                metTheOther = bothStopping.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    @Test
    void stopsItsComponentsSideBySideAndClosesOnceAllHaveStopped() {
        CountDownLatch bothStopping = new CountDownLatch(2);
        RendezvousComponent first = new RendezvousComponent(bothStopping);
        RendezvousComponent second = new RendezvousComponent(bothStopping);
        RegionGate stages = new RegionGate(ARN, reader, Duration.ofSeconds(1), List.of(first, second));
        reader.state = true;
        stages.poll();
        reader.state = false;
        stages.poll();

        assertThat(first.metTheOther).isTrue();
        assertThat(second.metTheOther).isTrue();
        assertThat(first.isRunning() || second.isRunning()).isFalse();
        assertThat(stages.isOpen()).isFalse();
    }

    @Test
    void staysClosedWhileTheControlHasNeverBeenRead() {
        reader.state = null;
        gate.poll();
        assertThat(gate.isOpen()).isFalse();
        assertThat(gate.lastKnownState()).isEmpty();
        assertThat(component.calls).isEmpty();
    }

    @Test
    void keepsProcessingWhenEveryArcEndpointFails() {
        reader.state = true;
        gate.poll();
        reader.state = null;
        gate.poll();
        gate.poll();
        assertThat(gate.isOpen()).isTrue();
        assertThat(component.calls).containsExactly("start");
    }

    @Test
    void keepsAStoppedRegionStoppedWhenEveryArcEndpointFails() {
        reader.state = false;
        gate.poll();
        reader.state = null;
        gate.poll();
        assertThat(gate.isOpen()).isFalse();
        assertThat(component.calls).isEmpty();
    }

    @Test
    void closingStopsWhatIsRunning() {
        reader.state = true;
        gate.poll();
        gate.close();
        assertThat(component.calls).containsExactly("start", "stop");
    }

    @Test
    void isReadyOnlyOnceTheControlHasBeenReadAndWhileOpenOnceItsComponentsTakeWork() {
        ReadinessComponent consumer = new ReadinessComponent();
        RegionGate gate = new RegionGate(ARN, reader, Duration.ofSeconds(1), List.of(consumer));

        gate.poll(); // every endpoint down: never read
        assertThat(gate.isReady()).isFalse();
        assertThat(gate.readiness().controlRead()).isFalse();

        reader.state = false; // standby: read, closed, nothing meant to run
        gate.poll();
        assertThat(gate.isReady()).isTrue();

        reader.state = true; // active: started, but not connected yet
        gate.poll();
        assertThat(gate.isOpen()).isTrue();
        assertThat(gate.isReady()).isFalse();
        assertThat(gate.readiness().notReady()).containsExactly("listener");

        consumer.connected = true;
        assertThat(gate.isReady()).isTrue();
        gate.close();
    }

    @Test
    void isNotReadyWhileTheControlIsOnButItsComponentsCouldNotStart() {
        GatedComponent failing = new GatedComponent() {
            @Override
            public String name() {
                return "consumer";
            }

            @Override
            public void start() {
                throw new IllegalStateException("lease table unreachable");
            }

            @Override
            public void stop() {}

            @Override
            public boolean isRunning() {
                return false;
            }
        };
        RegionGate gate = new RegionGate(ARN, reader, Duration.ofSeconds(1), List.of(failing));
        reader.state = true;
        gate.poll();
        assertThat(gate.isOpen()).isFalse();
        assertThat(gate.readiness().controlOn()).isTrue();
        assertThat(gate.isReady())
                .as("On, yet closed: this region is not doing its part")
                .isFalse();
        gate.close();
    }

    /** A component that starts at once and takes work only once connected, as a JMS listener does. */
    private static final class ReadinessComponent implements GatedComponent {
        volatile boolean running;
        volatile boolean connected;

        @Override
        public String name() {
            return "listener";
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
            return running && connected;
        }
    }
}
