package io.tradewind.opsconsole.config;

import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.App;
import io.tradewind.model.topology.RoutingControls;
import io.tradewind.model.topology.Stages;
import io.tradewind.opsconsole.adapter.actuator.ActuatorServiceMeters;
import io.tradewind.opsconsole.api.ConsoleScope;
import io.tradewind.opsconsole.flow.FlowSampler;
import io.tradewind.opsconsole.runbook.Reconciliation;
import io.tradewind.opsconsole.runbook.RotationRunbook;
import io.tradewind.opsconsole.runbook.RunbookOperations;
import io.tradewind.platform.gateway.JmsLogin;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The console as a service: its topology ({@value #TOPOLOGY} as JSON text, or the file {@value #TOPOLOGY_FILE}, else
 * the sandbox's fixed ports), one {@link RunbookWiring} over it, the runbook's operations, and the sampler the API and
 * the dashboard read. Its broker login is the command line's ({@link OperatorLogin}), or the user {@code ops-console}
 * of the credentials file {@value #BROKER_CREDENTIALS} names (the sandbox's).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class ConsoleConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ConsoleConfiguration.class);

    /** The runbook topology as JSON text (environment {@code TRADEWIND_CONSOLE_TOPOLOGY}; Terraform's output). */
    public static final String TOPOLOGY = "tradewind.console.topology";
    /** A file holding the topology (the sandbox writes one in its work dir). */
    public static final String TOPOLOGY_FILE = "tradewind.console.topology-file";
    /** A file of {@code user=password} lines holding the broker password of {@code ops-console} (the sandbox's). */
    public static final String BROKER_CREDENTIALS = "tradewind.console.broker-credentials";
    /** How often the sampler reads the platform; default 2 s. */
    public static final String SAMPLE_INTERVAL = "tradewind.console.sample-interval";
    /** The bound on one read of one source; default 1.5 s. */
    public static final String READ_TIMEOUT = "tradewind.console.read-timeout";

    @Bean
    RunbookTopology consoleTopology(Environment environment) {
        String json = environment.getProperty(TOPOLOGY);
        if (json != null && !json.isBlank()) return RunbookTopology.parse(json);
        String file = environment.getProperty(TOPOLOGY_FILE);
        if (file != null && !file.isBlank()) return RunbookTopology.read(Path.of(file));
        log.info("neither {} nor {} is set: the console reads the sandbox's fixed ports", TOPOLOGY, TOPOLOGY_FILE);
        return RunbookTopology.sandbox();
    }

    @Bean(destroyMethod = "close")
    RunbookWiring consoleWiring(RunbookTopology topology, Environment environment) {
        return new RunbookWiring(topology, brokerLogin(topology, environment));
    }

    /**
     * The login the runbook drains and forwards with. Without one the console still starts and shows everything but
     * queue depths, which then say why; a rotation's drain fails with the same reason.
     */
    private static JmsLogin brokerLogin(RunbookTopology topology, Environment environment) {
        String credentials = environment.getProperty(BROKER_CREDENTIALS);
        try {
            if (credentials != null && !credentials.isBlank())
                return OperatorLogin.fromCredentialsFile(Path.of(credentials), ServiceIdentity.OPERATOR.user());
            return OperatorLogin.fromEnvironment(!topology.aws());
        } catch (RuntimeException e) {
            log.warn("the console has no broker login ({}): queue depths and rotations will fail", e.getMessage());
            return null;
        }
    }

    /** The runbook's operations over the console's one wiring: its running executions use the wiring's clients. */
    @Bean
    RunbookOperations runbookOperations(RunbookWiring wiring) {
        return wiring.operations();
    }

    @Bean
    ConsoleScope consoleScope(RunbookTopology topology) {
        return new ConsoleScope(
                App.ids(), topology.regions().keySet().stream().sorted().toList());
    }

    @Bean
    io.tradewind.opsconsole.runbook.RoutingControls consoleRoutingControls(RunbookWiring wiring) {
        return wiring.controls();
    }

    @Bean
    Reconciliation consoleReconciliation(RunbookWiring wiring) {
        return wiring.reconciliation();
    }

    @Bean
    Clock consoleClock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    RegistryParticipants consoleParticipants(RunbookTopology topology) {
        return new RegistryParticipants(topology);
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    FlowSampler flowSampler(
            RunbookWiring wiring,
            RunbookOperations operations,
            RegistryParticipants participants,
            RunbookTopology topology,
            ConsoleScope scope,
            Environment environment,
            Clock clock) {
        Duration interval = environment.getProperty(SAMPLE_INTERVAL, Duration.class, Duration.ofSeconds(2));
        Duration readTimeout = environment.getProperty(READ_TIMEOUT, Duration.class, Duration.ofMillis(1500));
        List<String> controls = new ArrayList<>();
        for (String app : scope.apps())
            for (String region : scope.regions())
                for (String kind : RoutingControls.KINDS) controls.add(RoutingControls.name(app, kind, region));
        controls.add(RoutingControls.GENERATOR);
        List<String> queues = topology.inboundQueues().values().stream()
                .flatMap(List::stream)
                .distinct()
                .toList();
        FlowSampler.Settings settings = new FlowSampler.Settings(
                scope.apps(),
                scope.regions(),
                Stages.ALL,
                controls,
                queues,
                interval,
                readTimeout,
                Duration.ofMinutes(5),
                5,
                Duration.ofSeconds(10),
                RotationRunbook.Settings.defaults().maxReplicationLag());
        // Actuators beyond loopback (AWS) ask for the services' login, from the environment as the runbook reads it.
        ActuatorServiceMeters meters = new ActuatorServiceMeters(
                wiring.actuators(),
                Stages.ALL,
                readTimeout,
                System.getenv("TRADEWIND_HTTP_USERNAME"),
                System.getenv("TRADEWIND_HTTP_PASSWORD"));
        return new FlowSampler(
                new FlowSampler.Sources(
                        meters,
                        wiring.controls(),
                        wiring.queues(),
                        wiring.databases(),
                        participants,
                        wiring.reconciliationRuns(),
                        operations::history),
                settings,
                clock);
    }

    /** The participant registry, opened at its first read (so a registry that is not there yet delays nothing). */
    static final class RegistryParticipants implements Supplier<List<Participant>>, AutoCloseable {
        private final RunbookTopology topology;
        private ParticipantWiring wiring;

        RegistryParticipants(RunbookTopology topology) {
            this.topology = topology;
        }

        @Override
        public synchronized List<Participant> get() {
            if (wiring == null) wiring = ParticipantWiring.open(topology, null);
            return wiring.onboarding().list();
        }

        @Override
        public synchronized void close() {
            if (wiring != null) wiring.close();
        }
    }
}
