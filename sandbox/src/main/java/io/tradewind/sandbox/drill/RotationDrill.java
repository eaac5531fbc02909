package io.tradewind.sandbox.drill;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.settlement.SettlementStatusReport;
import io.tradewind.model.topology.App;
import io.tradewind.model.trade.StatusReport;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.wire.Envelope;
import io.tradewind.model.wire.WireCodec;
import io.tradewind.opsconsole.adapter.actuator.ActuatorRegionServices;
import io.tradewind.opsconsole.config.RunbookWiring;
import io.tradewind.opsconsole.runbook.ExecutionEvent;
import io.tradewind.opsconsole.runbook.RotationExecution;
import io.tradewind.opsconsole.runbook.RotationMode;
import io.tradewind.opsconsole.runbook.RotationRequest;
import io.tradewind.opsconsole.runbook.RotationRunbook;
import io.tradewind.opsconsole.runbook.RunbookOperations;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.gateway.JmsLogin;
import io.tradewind.platform.pipeline.StagePipeline;
import io.tradewind.sandbox.EmulatorOptions;
import io.tradewind.sandbox.Sandbox;
import io.tradewind.sandbox.stop.ShutdownSignals;
import io.tradewind.tradegenerator.adapter.jsonl.JsonLinesOutcomeRecorder;
import io.tradewind.tradegenerator.domain.Counterparties;
import io.tradewind.tradegenerator.domain.ExpectedOutcome;
import io.tradewind.tradegenerator.domain.PairKind;
import io.tradewind.tradegenerator.domain.PostedTrade;
import jakarta.jms.JMSException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The drill that proves the rotation: with the generator posting, the runbook rotates both apps from us-east-1 to
 * us-west-2 and back, then us-east-1 is killed (its broker and its apps stopped, no drain) and the apps fail over to
 * us-west-2; us-east-1 comes back, the apps rotate back to it and once more away. Then it waits for quiet and checks
 * every delivery: each generated trade reached its expected terminal status, nothing was delivered twice, and what the
 * failover lost is counted. Prints each execution's steps and RTO and the failover's RPO.
 */
@Command(
        name = "drill",
        mixinStandardHelpOptions = true,
        description = "Rotates both apps between the sandbox's regions under load, fails over from a killed region,"
                + " rotates back, and reports RTO, RPO, losses and duplicates.")
public final class RotationDrill implements Callable<Integer> {
    static final String EAST = LocalAwsConfig.PRIMARY_REGION;
    static final String WEST = LocalAwsConfig.SECONDARY_REGION;
    static final List<String> APPS = App.ids();

    @Option(
            names = "--rate",
            defaultValue = "200",
            description = "Trades per second the generator posts. Default: ${DEFAULT-VALUE}")
    double rate;

    @Option(
            names = "--steady",
            defaultValue = "PT15S",
            description = "How long the load runs before each rotation (ISO-8601). Default: 15 s")
    Duration steady;

    @Option(
            names = "--settle-timeout",
            defaultValue = "PT5M",
            description = "How long to wait, once the generator stops, for the backlog to be worked off (deliveries"
                    + " quiet for 15 s). Default: 5 min")
    Duration settleTimeout;

    @Option(names = "--seed", defaultValue = "11", description = "The generator's seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--skip-failover", description = "Only the planned rotations: there and back, twice.")
    boolean skipFailover;

    @Mixin
    EmulatorOptions emulators = new EmulatorOptions();

    /** One move of both apps; a failover's source is killed first, a rotation back to a killed region restores it. */
    record Phase(String name, RotationMode mode, String from, String to, boolean killSource, boolean restoreTarget) {}

    /** What one phase did and cost. */
    record PhaseResult(
            Phase phase,
            Instant startedAt,
            RotationExecution execution,
            Sandbox.RegionLoss regionLoss,
            Map<String, Integer> sendsRecovered,
            Map<String, Integer> repeatedDeliveries) {}

    /** The drill's verdict. */
    record Report(
            List<PhaseResult> phases,
            int pairs,
            int sides,
            List<String> unresolvedSides,
            List<String> lostBeforeReplication,
            List<String> stillQueued,
            List<String> unsettledInstructions,
            int deliveries,
            String text) {

        /** Every execution succeeded, no phase delivered anything twice, every journaled side resolved. */
        boolean passed() {
            boolean executions = phases.stream().allMatch(p -> p.execution().succeeded());
            boolean noRepeats =
                    phases.stream().allMatch(p -> p.repeatedDeliveries().isEmpty());
            return executions
                    && noRepeats
                    && unresolvedSides.isEmpty()
                    && stillQueued.isEmpty()
                    && unsettledInstructions.isEmpty();
        }
    }

    /** The drill's own clients of the sandbox (the runbook's wiring, the delivery watch), while it runs. */
    private volatile RunbookWiring wiring;

    private volatile DeliveryWatch watch;

    @Override
    public Integer call() throws Exception {
        try (Sandbox sandbox = Sandbox.forDrill(emulators.inWorkDirOf("drill"), rate, seed)) {
            // The drill's clients stop beside the services, before the emulators they talk to.
            sandbox.stopWithServices("the drill's runbook and delivery watch", this::closeClients);
            ShutdownSignals.install(sandbox::close, sandbox::kill);
            sandbox.start();
            Report report = run(sandbox, System.out);
            return report.passed() ? 0 : 1;
        }
    }

    private void closeClients() {
        RunbookWiring runbook = wiring;
        if (runbook != null) runbook.close();
        DeliveryWatch deliveries = watch;
        if (deliveries != null) deliveries.close();
    }

    /** The phases the drill runs, in order. */
    List<Phase> phases() {
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase("rotate", RotationMode.ROTATE, EAST, WEST, false, false));
        phases.add(new Phase("rotate back", RotationMode.ROTATE, WEST, EAST, false, false));
        if (!skipFailover) {
            phases.add(new Phase("failover (us-east-1 killed)", RotationMode.FAILOVER, EAST, WEST, true, false));
            phases.add(new Phase("rotate back to the restored region", RotationMode.ROTATE, WEST, EAST, false, true));
            phases.add(new Phase("rotate again", RotationMode.ROTATE, EAST, WEST, false, false));
        } else {
            phases.add(new Phase("rotate again", RotationMode.ROTATE, EAST, WEST, false, false));
            phases.add(new Phase("rotate back again", RotationMode.ROTATE, WEST, EAST, false, false));
        }
        return phases;
    }

    /** The generator's counterparties: whose trade reports the drill reads. */
    private static List<String> participantsWatched() {
        Counterparties counterparties = Counterparties.defaults();
        List<String> all = new ArrayList<>(counterparties.executingBrokers());
        all.addAll(counterparties.investmentManagers());
        return all;
    }

    /** Every party the generator's instructions name: its executing brokers and each investment manager's accounts. */
    private static List<String> partiesWatched() {
        Counterparties counterparties = Counterparties.defaults();
        List<String> all = new ArrayList<>(counterparties.executingBrokers());
        for (String manager : counterparties.investmentManagers())
            for (int n = 1; n <= counterparties.accountsPerInvestmentManager(); n++)
                all.add(counterparties.account(manager, n));
        return all;
    }

    /** Runs the drill on a started sandbox (its generator Off, both apps active in us-east-1). */
    public Report run(Sandbox sandbox, PrintStream out) throws Exception {
        Map<String, URI> brokers = new LinkedHashMap<>();
        for (var region : sandbox.localAws().regions()) brokers.put(region.name(), region.brokerUri());
        wiring = wiring(sandbox); // as an SRE's console would be: connected before the drill
        try (DeliveryWatch watch = new DeliveryWatch(
                brokers,
                sandbox.localAws().login(ServiceIdentity.OPERATOR),
                sandbox.brokerTruststore().orElse(null),
                participantsWatched(),
                partiesWatched())) {
            this.watch = watch;
            out.printf("drill: generator at %.0f trades/s, %d s of load before each move%n", rate, steady.toSeconds());
            sandbox.switchGenerator(true);
            List<Phase> phases = phases();
            List<PhaseResult> results = new ArrayList<>();
            List<Instant> starts = new ArrayList<>();
            Map<Integer, Instant> kills = new LinkedHashMap<>();
            for (Phase phase : phases) {
                Thread.sleep(steady.toMillis());
                Instant start = Instant.now();
                starts.add(start);
                out.println();
                out.println("== " + phase.name() + ": " + phase.from() + " -> " + phase.to());
                Sandbox.RegionLoss loss = null;
                if (phase.restoreTarget()) {
                    sandbox.restoreRegion(phase.to());
                    wiring.close(); // the restored apps may listen on new ports
                    wiring = wiring(sandbox);
                    awaitHealthy(sandbox, phase.to(), out);
                    out.println("restored " + phase.to() + ": broker, apps and replication are back");
                }
                if (phase.killSource()) {
                    loss = sandbox.killRegion(phase.from());
                    kills.put(results.size(), Instant.now());
                    out.printf(
                            "killed %s: its broker and apps stopped without a drain; %d journal and sent-log writes"
                                    + " had not replicated (oldest %d ms old)%n",
                            phase.from(), loss.unreplicatedWrites(), loss.oldestUnreplicatedMillis());
                }
                RotationExecution execution = execute(wiring, phase, out);
                results.add(
                        new PhaseResult(phase, start, execution, loss, recoveredSends(sandbox, phase.to()), Map.of()));
                if (!execution.succeeded()) {
                    out.println("the drill stops: " + execution.message());
                    break;
                }
            }
            sandbox.switchGenerator(false);
            out.println();
            out.println("generator Off; waiting for quiet");
            awaitQuiet(watch, settleTimeout);
            List<PhaseResult> attributed = attributeRepeats(results, starts, kills, watch);
            Report report = verify(sandbox, attributed, watch);
            out.println(report.text());
            return report;
        } finally {
            wiring.close();
            watch = null;
        }
    }

    /**
     * Per app, how many sends the target region's sent-log recovery put back when its processing started: after a
     * failover, what the lost region sent but its database had not replicated, which would otherwise go out twice.
     */
    private static Map<String, Integer> recoveredSends(Sandbox sandbox, String region) {
        Map<String, Integer> recovered = new TreeMap<>();
        for (ConfigurableApplicationContext service : sandbox.services())
            for (String app : APPS)
                if ((app + "-" + region).equals(service.getEnvironment().getProperty("spring.application.name"))) {
                    Gauge gauge = service.getBean(MeterRegistry.class)
                            .find(StagePipeline.RECOVERED_SENDS_METER)
                            .gauge();
                    if (gauge != null) recovered.put(app, (int) gauge.value());
                }
        return recovered;
    }

    /**
     * Runs one phase as the console and the command line do, through the runbook's operations: under the lease,
     * audited step by step. A failover from the region the drill killed asks for the confirmation that its source
     * stopped; the drill killed it, so it gives it.
     */
    private static RotationExecution execute(RunbookWiring wiring, Phase phase, PrintStream out) throws Exception {
        RunbookOperations operations = wiring.operations();
        String executionId = operations.start(
                new RotationRequest(phase.mode(), APPS, phase.from(), phase.to(), null, false), OPERATOR);
        BlockingQueue<ExecutionEvent> events = new LinkedBlockingQueue<>();
        try (AutoCloseable following = operations.follow(executionId, events::add)) {
            while (true) {
                ExecutionEvent event = events.take();
                out.println("  " + RotationRunbook.lineOf(event));
                if (event.kind() == ExecutionEvent.Kind.AWAITING_CONFIRMATION && phase.killSource())
                    operations.confirm(executionId, OPERATOR);
                if (event.kind() == ExecutionEvent.Kind.FINISHED) break;
            }
        }
        return operations.execution(executionId).orElseThrow();
    }

    /** Who the audit records as running the drill's executions. */
    static final String OPERATOR = "rotation-drill";

    private static RunbookWiring wiring(Sandbox sandbox) {
        BrokerLogin operator = sandbox.localAws().login(ServiceIdentity.OPERATOR);
        return new RunbookWiring(
                sandbox.runbookTopology(),
                new JmsLogin(operator.user(), operator.password()),
                RotationRunbook.Settings.defaults(),
                Duration.ofHours(24),
                500);
    }

    /** As an SRE waits for a returning region's apps to report healthy before moving anything to it. */
    private static void awaitHealthy(Sandbox sandbox, String region, PrintStream out) throws InterruptedException {
        Map<String, Map<String, URI>> actuators = new LinkedHashMap<>();
        sandbox.runbookTopology()
                .regions()
                .forEach((name, endpoints) -> endpoints.actuators().forEach((app, uri) -> actuators
                        .computeIfAbsent(app, a -> new LinkedHashMap<>())
                        .put(name, uri)));
        ActuatorRegionServices services = new ActuatorRegionServices(actuators);
        long startNanos = System.nanoTime();
        long deadline = startNanos + Duration.ofMinutes(2).toNanos();
        for (String app : APPS) {
            while (!healthy(services, app, region)) {
                if (System.nanoTime() > deadline) {
                    out.println(app + " in " + region + " is still not healthy; the runbook will say so");
                    return;
                }
                Thread.sleep(500);
            }
        }
        out.printf("%s healthy again after %d ms%n", region, (System.nanoTime() - startNanos) / 1_000_000);
    }

    private static boolean healthy(ActuatorRegionServices services, String app, String region) {
        try {
            return services.healthy(app, region);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Waits until nothing has been delivered for 15 s (at most {@code timeout}). */
    private static void awaitQuiet(DeliveryWatch watch, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = watch.total();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > Duration.ofSeconds(15).toNanos()) return;
            Thread.sleep(500);
        }
    }

    /**
     * Each repeated delivery is put down to its cause. A copy sent after a region was killed, of a message first sent
     * before the kill, repeats what the failover's replication loss made the survivor do again (or what the killed
     * region's broker only handed over once restored): it belongs to that failover, whenever it arrived. Any other
     * repeat belongs to the phase during which it arrived.
     */
    private static List<PhaseResult> attributeRepeats(
            List<PhaseResult> results, List<Instant> starts, Map<Integer, Instant> kills, DeliveryWatch watch) {
        List<Map<String, Integer>> counts = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) counts.add(new LinkedHashMap<>());
        for (DeliveryWatch.Repeat repeat : watch.repeats()) {
            int phase = -1;
            for (var kill : kills.entrySet())
                if (repeat.first().sentAt().isBefore(kill.getValue())
                        && !repeat.copy().sentAt().isBefore(kill.getValue())) phase = Math.max(phase, kill.getKey());
            if (phase < 0) phase = phaseAt(starts, repeat.copy().at());
            counts.get(phase).merge(repeat.copy().queue(), 1, Integer::sum);
        }
        List<PhaseResult> attributed = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            PhaseResult r = results.get(i);
            attributed.add(new PhaseResult(
                    r.phase(), r.startedAt(), r.execution(), r.regionLoss(), r.sendsRecovered(), counts.get(i)));
        }
        return attributed;
    }

    /** The phase running at {@code at}: the last one started by then (the first for anything earlier). */
    private static int phaseAt(List<Instant> starts, Instant at) {
        int phase = 0;
        for (int i = 1; i < starts.size(); i++) if (!at.isBefore(starts.get(i))) phase = i;
        return phase;
    }

    private Report verify(Sandbox sandbox, List<PhaseResult> phases, DeliveryWatch watch) {
        List<ExpectedOutcome> outcomes = Files.exists(sandbox.generatorOutcomes())
                ? JsonLinesOutcomeRecorder.read(sandbox.generatorOutcomes())
                : List.of();
        Map<String, List<TradeStatus>> bySide = watch.deliveries(DeliveryWatch.TRADE_REPORTS).stream()
                .map(d -> WireCodec.decodeStatusReport(d.body()))
                .collect(Collectors.groupingBy(
                        report -> report.senderId() + "/" + report.tradeRef(),
                        LinkedHashMap::new,
                        Collectors.mapping(StatusReport::status, Collectors.toList())));
        String active =
                phases.isEmpty() ? EAST : phases.get(phases.size() - 1).phase().to();
        List<String> unresolved = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<String> queued = new ArrayList<>();
        Set<String> waiting = new HashSet<>();
        for (var region : sandbox.localAws().regions()) {
            if (!region.broker().isRunning()) continue;
            try {
                waiting.addAll(DeliveryWatch.waitingTrades(
                        region.brokerUri(),
                        sandbox.localAws().login(ServiceIdentity.OPERATOR),
                        sandbox.brokerTruststore().orElse(null)));
            } catch (JMSException e) {
                throw new IllegalStateException("cannot browse trades.inbound in " + region.name(), e);
            }
        }
        int sides = 0;
        try (DynamoDbClient dynamoDb = new AwsClientFactory(AwsSettings.local(
                        active,
                        sandbox.localAws().region(active).kinesisEndpoint(),
                        sandbox.localAws().region(active).dynamoDbEndpoint()))
                .dynamoDb()) {
            for (ExpectedOutcome outcome : outcomes)
                for (PostedTrade side : outcome.postedTrades()) {
                    sides++;
                    List<TradeStatus> statuses =
                            bySide.getOrDefault(side.senderId() + "/" + side.tradeRef(), List.of());
                    if (statuses.contains(outcome.expectedTerminalStatus())) continue;
                    String what = outcome.pairId() + " " + outcome.kind() + " " + side.senderId() + "/"
                            + side.tradeRef() + " " + statuses;
                    String key = new Envelope(side.senderId(), side.messageId()).journalKey();
                    if (journaled(dynamoDb, key)) unresolved.add(what);
                    else if (waiting.contains(key)) queued.add(what);
                    else lost.add(what);
                }
        }
        Map<String, List<SettlementStatus>> byInstruction = watch.deliveries(DeliveryWatch.SETTLEMENT_REPORTS).stream()
                .map(d -> WireCodec.decodeSettlementStatusReport(d.body()))
                .collect(Collectors.groupingBy(
                        SettlementStatusReport::instructionId,
                        Collectors.mapping(SettlementStatusReport::status, Collectors.toList())));
        List<String> unsettled = byInstruction.entrySet().stream()
                .filter(e -> !e.getValue().contains(SettlementStatus.SETTLED))
                .map(e -> e.getKey() + " " + e.getValue())
                .toList();
        long matchedInstructions = outcomes.stream()
                .filter(o -> o.kind() == PairKind.MATCHED)
                .mapToLong(o -> 2L * o.investmentManager().allocationCount())
                .sum();
        String text = describe(
                phases,
                outcomes.size(),
                sides,
                unresolved,
                lost,
                queued,
                unsettled,
                byInstruction.size(),
                matchedInstructions,
                watch.deliveries(DeliveryWatch.TRADE_REPORTS).size());
        return new Report(phases, outcomes.size(), sides, unresolved, lost, queued, unsettled, watch.total(), text);
    }

    private static boolean journaled(DynamoDbClient dynamoDb, String key) {
        return dynamoDb.getItem(b -> b.tableName(App.TRADE_MATCHING.journalTable())
                        .key(Map.of("journalKey", AttributeValue.fromS(key)))
                        .consistentRead(true))
                .hasItem();
    }

    private static String describe(
            List<PhaseResult> phases,
            int pairs,
            int sides,
            List<String> unresolved,
            List<String> lost,
            List<String> queued,
            List<String> unsettled,
            int instructionsReported,
            long matchedInstructions,
            int tradeReports) {
        StringBuilder text = new StringBuilder();
        String nl = System.lineSeparator();
        text.append("== drill report").append(nl);
        text.append(String.format(
                "%-36s %-9s %10s %10s %s%n", "phase", "outcome", "RTO new", "RTO all", "duplicates (by queue)"));
        for (PhaseResult phase : phases) {
            RotationExecution e = phase.execution();
            text.append(String.format(
                    "%-36s %-9s %10s %10s %s%n",
                    phase.phase().name(),
                    e.outcome(),
                    e.rtoToProcessing().map(d -> d.toMillis() + " ms").orElse("-"),
                    e.rtoToResolved().map(d -> d.toMillis() + " ms").orElse("-"),
                    phase.repeatedDeliveries().isEmpty() ? "none" : phase.repeatedDeliveries()));
            for (var step : e.steps())
                text.append(String.format(
                        "    %-22s %-8s %7d ms  %s%n",
                        step.step(), step.outcome(), step.took().toMillis(), step.detail()));
            if (phase.regionLoss() != null)
                text.append(String.format(
                        "    RPO: %d global-table writes had not replicated at the kill (oldest %d ms);"
                                + " database changes lost %s; replayed %s%n",
                        phase.regionLoss().unreplicatedWrites(),
                        phase.regionLoss().oldestUnreplicatedMillis(),
                        e.databaseLoss(),
                        e.replayed()));
            if (phase.phase().mode() == RotationMode.FAILOVER)
                text.append(String.format(
                        "    sent-log: the send ledger put back %s sends the lost database tail had recorded, so"
                                + " none was sent again%n",
                        phase.sendsRecovered()));
        }
        text.append(String.format(
                "pairs posted %d (%d trade messages); trade reports delivered %d; instructions reported %d of %d"
                        + " expected%n",
                pairs, sides, tradeReports, instructionsReported, matchedInstructions));
        text.append(String.format(
                "sides not in their expected terminal status although journaled: %d%s%n",
                unresolved.size(),
                unresolved.isEmpty() ? "" : " e.g. " + unresolved.subList(0, Math.min(5, unresolved.size()))));
        text.append(String.format(
                "sides lost before their journal entry replicated (RPO, in messages): %d%s%n",
                lost.size(), lost.isEmpty() ? "" : " e.g. " + lost.subList(0, Math.min(5, lost.size()))));
        text.append(String.format(
                "sides still waiting on a broker's trades.inbound, never taken in: %d%s%n",
                queued.size(), queued.isEmpty() ? "" : " e.g. " + queued.subList(0, Math.min(5, queued.size()))));
        text.append(String.format(
                "instructions reported but not SETTLED: %d%s%n",
                unsettled.size(),
                unsettled.isEmpty() ? "" : " e.g. " + unsettled.subList(0, Math.min(5, unsettled.size()))));
        return text.toString();
    }
}
