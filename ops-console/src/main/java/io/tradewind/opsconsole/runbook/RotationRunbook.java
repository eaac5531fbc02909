package io.tradewind.opsconsole.runbook;

import static io.tradewind.model.topology.RoutingControls.INBOUND;
import static io.tradewind.model.topology.RoutingControls.PROCESSING;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Executes rotation plans: every step for every app of the execution, then the next step, recording each in the audit
 * table with the measured RTO. At no point are two regions of an app On for the same kind of routing control (ARC's
 * safety rules refuse it) and a planned rotation turns processing On in the target only once the source's stages have
 * reported they stopped. A failing step stops the execution with a message that says what failed and what is On where;
 * before the database has moved, the source region gets its routing controls back.
 */
public final class RotationRunbook {

    /**
     * @param pollInterval how often conditions are read while the runbook waits
     * @param quietPolls how many polls in a row a drain must find nothing moving
     * @param drainTimeout how long the source may take to drain
     * @param gateTimeout how long services may take to follow a routing control
     * @param switchoverTimeout how long a database switchover may wait for replication to catch up
     * @param maxReplicationLag the pre-flight bound on replication lag
     * @param lagWait how long pre-flight waits for replication lag to come within the bound
     * @param firstTradeTimeout how long to wait for the target to process new trades before reporting that none came
     * @param resolveTimeout how long replayed inputs may take to reach their terminal state
     * @param reconcileFromLastRotation whether reconciliation starts where the audit shows the last planned rotation
     *     left everything terminal ({@link ReconciliationStart}); false reads the whole window every time
     * @param reconcileOverlap how far before that rotation's takeover it starts (clock skew between regions)
     */
    public record Settings(
            Duration pollInterval,
            int quietPolls,
            Duration drainTimeout,
            Duration gateTimeout,
            Duration switchoverTimeout,
            Duration maxReplicationLag,
            Duration lagWait,
            Duration firstTradeTimeout,
            Duration resolveTimeout,
            boolean reconcileFromLastRotation,
            Duration reconcileOverlap) {

        public static Settings defaults() {
            return new Settings(
                    Duration.ofMillis(250),
                    3,
                    Duration.ofSeconds(45),
                    Duration.ofSeconds(15),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(60),
                    true,
                    Duration.ofMinutes(1));
        }
    }

    /** A step could not do its work; its message says why, in an SRE's words. */
    static final class StepFailedException extends RuntimeException {
        StepFailedException(String message) {
            super(message);
        }
    }

    private final RoutingControls controls;
    private final RegionServices services;
    private final Queues queues;
    private final GlobalDatabases databases;
    private final Reconciliation reconciliation;
    private final RunbookAudit audit;
    private final Map<String, List<String>> inboundQueues;
    private final Settings settings;
    private final Clock clock;

    /**
     * @param inboundQueues per app, the queues its inbound gateways consume (what a drain empties)
     */
    public RotationRunbook(
            RoutingControls controls,
            RegionServices services,
            Queues queues,
            GlobalDatabases databases,
            Reconciliation reconciliation,
            RunbookAudit audit,
            Map<String, List<String>> inboundQueues,
            Settings settings,
            Clock clock) {
        this.controls = controls;
        this.services = services;
        this.queues = queues;
        this.databases = databases;
        this.reconciliation = reconciliation;
        this.audit = audit;
        this.inboundQueues = Map.copyOf(inboundQueues);
        this.settings = settings;
        this.clock = clock;
    }

    /** The plans, step by step, as text: what {@code --dry-run} prints. Reads and changes nothing. */
    public String describe(List<RotationPlan> plans) {
        validate(plans);
        RotationPlan first = plans.get(0);
        StringBuilder text = new StringBuilder();
        text.append(first.mode() == RotationMode.ROTATE ? "Planned rotation" : "Failover")
                .append(" of ")
                .append(apps(plans))
                .append(" from ")
                .append(first.source())
                .append(" to ")
                .append(first.target())
                .append(" (dry run: nothing is changed)");
        int number = 1;
        for (StepKind step : first.steps()) {
            text.append(System.lineSeparator())
                    .append(String.format("%2d. %-22s %s", number++, step, step.description()));
            for (String action : actions(step, plans))
                text.append(System.lineSeparator()).append("      ").append(action);
        }
        return text.toString();
    }

    /** The concrete changes a step makes, by control, queue or database, for the dry run. */
    private List<String> actions(StepKind step, List<RotationPlan> plans) {
        List<String> actions = new ArrayList<>();
        for (RotationPlan plan : plans) {
            switch (step) {
                case INBOUND_OFF_SOURCE -> actions.add("set " + plan.inboundControl(plan.source()) + " Off");
                case DRAIN ->
                    actions.add("forward " + String.join(", ", inboundQueues.get(plan.app())) + " from "
                            + plan.source() + " to " + plan.target() + "; wait for " + plan.app() + " in "
                            + plan.source() + " to be idle");
                case PROCESSING_OFF_SOURCE -> actions.add("set " + plan.processingControl(plan.source()) + " Off");
                case DATABASE_SWITCHOVER ->
                    actions.add("switch " + plan.app() + "'s global database over to " + plan.target());
                case DATABASE_FAILOVER ->
                    actions.add("fail " + plan.app() + "'s global database over to " + plan.target());
                case PROCESSING_ON_TARGET -> actions.add("set " + plan.processingControl(plan.target()) + " On");
                case INBOUND_ON_TARGET -> actions.add("set " + plan.inboundControl(plan.target()) + " On");
                case RECONCILE -> actions.add("reconcile " + plan.app() + " in " + plan.target());
                default -> {}
            }
        }
        return actions;
    }

    /**
     * Runs the plans (one per app, same mode, source and target) in lockstep and records the execution in the audit
     * table, whatever its outcome. {@code progress} receives a line as each step starts and ends.
     */
    public RotationExecution execute(List<RotationPlan> plans, String operator, Consumer<String> progress) {
        validate(plans);
        Execution execution = new Execution(plans, operator, progress);
        RotationExecution result = execution.run();
        audit.record(result);
        return result;
    }

    private static void validate(List<RotationPlan> plans) {
        if (plans.isEmpty()) throw new IllegalArgumentException("no plans to execute");
        RotationPlan first = plans.get(0);
        for (RotationPlan plan : plans) {
            if (plan.mode() != first.mode()
                    || !plan.source().equals(first.source())
                    || !plan.target().equals(first.target())
                    || !plan.steps().equals(first.steps()))
                throw new IllegalArgumentException("plans executed together must move the same way: " + plans);
        }
        if (plans.stream().map(RotationPlan::app).distinct().count() != plans.size())
            throw new IllegalArgumentException("an app is planned twice: " + apps(plans));
    }

    private static String apps(List<RotationPlan> plans) {
        return plans.stream().map(RotationPlan::app).collect(Collectors.joining(" and "));
    }

    /** One execution's state while it runs. */
    private final class Execution {
        private final List<RotationPlan> plans;
        private final RotationPlan first;
        private final String operator;
        private final Consumer<String> progress;
        private final String executionId = UUID.randomUUID().toString();
        private final Instant startedAt = clock.instant();
        private final List<StepRecord> records = new ArrayList<>();
        private final Map<String, GlobalDatabases.FailoverLoss> losses = new LinkedHashMap<>();
        private final Map<String, Integer> replayed = new LinkedHashMap<>();
        /** Per app, the replays not yet seen terminal. */
        private final Map<String, List<String>> replayedKeys = new LinkedHashMap<>();

        private final Map<String, Long> acceptedBefore = new LinkedHashMap<>();
        private Instant targetAcceptingAt;
        private Duration rtoToProcessing;
        private Duration rtoToResolved;
        private boolean databaseMoved;
        private boolean sourceProcessingOff;

        Execution(List<RotationPlan> plans, String operator, Consumer<String> progress) {
            this.plans = plans;
            this.first = plans.get(0);
            this.operator = operator;
            this.progress = progress;
        }

        RotationExecution run() {
            progress.accept(String.format(
                    "%s %s: %s -> %s (execution %s, by %s)",
                    first.mode() == RotationMode.ROTATE ? "rotate" : "failover",
                    apps(plans),
                    first.source(),
                    first.target(),
                    executionId,
                    operator));
            List<StepKind> steps = first.steps();
            for (int i = 0; i < steps.size(); i++) {
                StepKind step = steps.get(i);
                Instant stepStart = clock.instant();
                long startNanos = System.nanoTime();
                progress.accept("  " + step + " ...");
                try {
                    String detail = runStep(step);
                    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
                    records.add(new StepRecord(step, stepStart, took, StepRecord.Outcome.DONE, detail));
                    progress.accept(String.format("  %s done in %.1f s: %s", step, seconds(took), detail));
                } catch (RuntimeException e) {
                    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
                    String reason = e instanceof StepFailedException ? e.getMessage() : e.toString();
                    records.add(new StepRecord(step, stepStart, took, StepRecord.Outcome.FAILED, reason));
                    progress.accept(String.format("  %s FAILED after %.1f s: %s", step, seconds(took), reason));
                    for (StepKind skipped : steps.subList(i + 1, steps.size()))
                        records.add(new StepRecord(skipped, null, Duration.ZERO, StepRecord.Outcome.NOT_RUN, ""));
                    return stopped(step, reason);
                }
            }
            String summary = String.format(
                    "%s now runs in %s; RTO to processing %s, to resolved %s",
                    apps(plans),
                    first.target(),
                    rtoToProcessing == null ? "n/a (no new trades arrived)" : rtoToProcessing.toMillis() + " ms",
                    rtoToResolved == null ? "n/a" : rtoToResolved.toMillis() + " ms");
            return finish(RotationExecution.Outcome.SUCCEEDED, summary);
        }

        private RotationExecution stopped(StepKind step, String reason) {
            if (!databaseMoved && first.mode() == RotationMode.ROTATE) {
                try {
                    rollBack();
                    return finish(
                            RotationExecution.Outcome.ROLLED_BACK,
                            step + " failed: " + reason + ". Rolled back: " + apps(plans) + " runs in " + first.source()
                                    + " again (its inbound and processing routing controls are On).");
                } catch (RuntimeException e) {
                    return finish(
                            RotationExecution.Outcome.FAILED,
                            step + " failed: " + reason + ". Rolling back failed too (" + e.getMessage() + "). "
                                    + controlStates());
                }
            }
            return finish(RotationExecution.Outcome.FAILED, step + " failed: " + reason + ". " + controlStates());
        }

        /** Gives the source back its routing controls: processing first, so inbound never feeds a stopped region. */
        private void rollBack() {
            progress.accept("  rolling back: routing controls On again in " + first.source());
            if (sourceProcessingOff) controls.set(states(plan -> plan.processingControl(first.source()), true));
            controls.set(states(plan -> plan.inboundControl(first.source()), true));
        }

        private String controlStates() {
            List<String> states = new ArrayList<>();
            try {
                for (RotationPlan plan : plans)
                    for (String region : List.of(first.source(), first.target()))
                        for (String control : List.of(plan.inboundControl(region), plan.processingControl(region)))
                            states.add(control + " " + (controls.isOn(control) ? "On" : "Off"));
                return "Routing controls now: " + String.join(", ", states)
                        + ". No two regions are On for any control; finish or reverse the rotation from here.";
            } catch (RuntimeException e) {
                return "The routing controls could not be read (" + e.getMessage() + ").";
            }
        }

        private RotationExecution finish(RotationExecution.Outcome outcome, String message) {
            progress.accept(outcome + ": " + message);
            return new RotationExecution(
                    executionId,
                    operator,
                    first.mode(),
                    plans.stream().map(RotationPlan::app).toList(),
                    first.source(),
                    first.target(),
                    startedAt,
                    clock.instant(),
                    outcome,
                    records,
                    Optional.ofNullable(rtoToProcessing),
                    Optional.ofNullable(rtoToResolved),
                    losses,
                    replayed,
                    message);
        }

        private String runStep(StepKind step) {
            return switch (step) {
                case PRE_FLIGHT -> preFlight();
                case INBOUND_OFF_SOURCE -> inboundOffSource();
                case DRAIN -> drain();
                case PROCESSING_OFF_SOURCE -> processingOffSource();
                case DATABASE_SWITCHOVER -> switchover();
                case DATABASE_FAILOVER -> failover();
                case PROCESSING_ON_TARGET -> processingOnTarget();
                case INBOUND_ON_TARGET -> inboundOnTarget();
                case RECONCILE -> reconcile();
                case POST_CHECKS -> postChecks();
            };
        }

        private String preFlight() {
            boolean planned = first.mode() == RotationMode.ROTATE;
            List<String> problems = new ArrayList<>();
            List<String> found = new ArrayList<>();
            // Health answers take a moment each under load: ask every service at once.
            Map<String, CompletableFuture<Boolean>> health = new LinkedHashMap<>();
            for (RotationPlan plan : plans)
                for (String region : List.of(plan.source(), plan.target()))
                    health.put(
                            plan.app() + "@" + region,
                            CompletableFuture.supplyAsync(() -> healthy(plan.app(), region)));
            for (RotationPlan plan : plans) {
                String app = plan.app();
                for (String control :
                        List.of(plan.inboundControl(plan.target()), plan.processingControl(plan.target())))
                    if (controls.isOn(control)) problems.add(control + " is already On");
                if (planned)
                    for (String control :
                            List.of(plan.inboundControl(plan.source()), plan.processingControl(plan.source())))
                        if (!controls.isOn(control))
                            problems.add(control + " is Off: " + app + " is not running in " + plan.source());
                if (!health.get(app + "@" + plan.target()).join())
                    problems.add(app + " in " + plan.target() + " is not healthy");
                if (planned && !health.get(app + "@" + plan.source()).join())
                    problems.add(app + " in " + plan.source() + " is not healthy (use failover)");
                try {
                    String writer = databases.writer(app);
                    if (planned && !writer.equals(plan.source()))
                        problems.add(app + "'s database writer is " + writer + ", not " + plan.source());
                    String lag = planned ? awaitLagWithinBound(plan) : describeLag(plan);
                    if (lag.startsWith("!")) problems.add(lag.substring(1));
                    else found.add(lag);
                } catch (RuntimeException e) {
                    problems.add("cannot read " + app + "'s replication: " + e.getMessage());
                }
            }
            if (!problems.isEmpty()) throw new StepFailedException(String.join("; ", problems));
            return String.join("; ", found);
        }

        /**
         * Waits (up to the lag wait) for both stores' replication lag to come within the bound, as a burst of writes
         * or a region just back briefly pushes it up; returns what it found, or "!" and why when it did not.
         */
        private String awaitLagWithinBound(RotationPlan plan) {
            long bound = settings.maxReplicationLag().toMillis();
            long deadline = System.nanoTime() + settings.lagWait().toNanos();
            while (true) {
                String found;
                try {
                    long databaseLag = databases.lagMillis(plan.app());
                    long tableLag = services.replicationLagMillis(plan.app(), plan.target(), "dynamodb");
                    found = String.format("%s lag postgres %d ms, dynamodb %d ms", plan.app(), databaseLag, tableLag);
                    if (databaseLag <= bound && tableLag <= bound) return found;
                } catch (RuntimeException e) { // a service just started or busy answers late: look again
                    found = "cannot read " + plan.app() + "'s replication: " + e.getMessage();
                }
                if (System.nanoTime() > deadline)
                    return "!" + plan.app() + "'s replication lag stayed above " + bound + " ms for "
                            + settings.lagWait().toSeconds() + " s (" + found + ")";
                pause();
            }
        }

        private String describeLag(RotationPlan plan) {
            return String.format(
                    "%s lag postgres %d ms, dynamodb %d ms",
                    plan.app(),
                    databases.lagMillis(plan.app()),
                    services.replicationLagMillis(plan.app(), plan.target(), "dynamodb"));
        }

        private boolean healthy(String app, String region) {
            try {
                return services.healthy(app, region);
            } catch (RegionServices.ServiceUnreachableException e) {
                return false;
            }
        }

        private String inboundOffSource() {
            controls.set(states(plan -> plan.inboundControl(first.source()), false));
            if (first.mode() == RotationMode.FAILOVER) return fencedDetail(INBOUND);
            awaitGates(first.source(), INBOUND, false);
            return "gateways in " + first.source() + " stopped";
        }

        private String drain() {
            long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
            Map<String, Long> lastRecordsIn = new LinkedHashMap<>();
            int moved = 0;
            int quiet = 0;
            int polls = 0;
            String busy = "";
            while (quiet < settings.quietPolls()) {
                if (System.nanoTime() > deadline)
                    throw new StepFailedException("the source did not drain within "
                            + settings.drainTimeout().toSeconds() + " s: " + busy);
                if (polls++ > 0) pause();
                List<String> moving = new ArrayList<>();
                for (RotationPlan plan : plans) {
                    // What reaches the source's queues now was not taken in by it (its gateways are off): it moves
                    // to the target and waits there, so it does not keep the source from counting as drained.
                    for (String queue : inboundQueues.get(plan.app()))
                        moved += queues.forward(first.source(), first.target(), queue);
                    OptionalLong lag = services.stageLagMillis(plan.app(), first.source());
                    if (lag.isPresent() && lag.getAsLong() > 0)
                        moving.add(plan.app() + "'s stages are " + lag.getAsLong() + " ms behind");
                    long recordsIn = services.recordsIn(plan.app(), first.source());
                    Long before = lastRecordsIn.put(plan.app(), recordsIn);
                    if (before == null || before != recordsIn)
                        moving.add(plan.app() + "'s stages took in " + (before == null ? "records" : recordsIn - before)
                                + " since the last look");
                    long tableLag = services.replicationLagMillis(plan.app(), first.source(), "dynamodb");
                    if (tableLag > 0) moving.add(plan.app() + "'s tables are " + tableLag + " ms from replicated");
                }
                quiet = moving.isEmpty() ? quiet + 1 : 0;
                busy = String.join("; ", moving);
            }
            return "forwarded " + moved + " messages to " + first.target() + "; idle after " + polls + " looks";
        }

        private String processingOffSource() {
            controls.set(states(plan -> plan.processingControl(first.source()), false));
            sourceProcessingOff = true;
            if (first.mode() == RotationMode.FAILOVER) return fencedDetail(PROCESSING);
            // Each stage finishes the batch in hand and checkpoints before it stops (KCL's graceful shutdown, up to
            // 30 s under load): part of the drain, so it gets the drain's time.
            awaitGates(first.source(), PROCESSING, false, settings.drainTimeout());
            return "stages in " + first.source() + " stopped";
        }

        /** In a failover the source may be gone: the control fences it either way; say whether it confirmed. */
        private String fencedDetail(String kind) {
            try {
                awaitGates(first.source(), kind, false);
                return first.source() + " confirmed its " + kind + " stopped";
            } catch (RuntimeException e) {
                return first.source() + " did not confirm (" + e.getMessage() + "); its " + kind
                        + " routing control is Off, which fences it";
            }
        }

        private String switchover() {
            List<String> done = new ArrayList<>();
            for (RotationPlan plan : plans) {
                if (databases.writer(plan.app()).equals(plan.target())) {
                    done.add(plan.app() + " already written in " + plan.target());
                    continue;
                }
                try {
                    databases.switchover(plan.app(), plan.target(), settings.switchoverTimeout());
                } catch (RuntimeException e) {
                    throw new StepFailedException(plan.app() + "'s switchover failed: " + e.getMessage());
                }
                databaseMoved = true;
                done.add(plan.app() + " written in " + plan.target());
            }
            databaseMoved = true;
            return String.join("; ", done);
        }

        private String failover() {
            List<String> done = new ArrayList<>();
            for (RotationPlan plan : plans) {
                GlobalDatabases.FailoverLoss loss = databases.failover(plan.app(), plan.target());
                databaseMoved = true;
                losses.put(plan.app(), loss);
                done.add(String.format(
                        "%s written in %s, %d changes lost (%d ms)",
                        plan.app(), plan.target(), loss.lostChanges(), loss.lostMillis()));
            }
            return String.join("; ", done);
        }

        private String processingOnTarget() {
            controls.set(states(plan -> plan.processingControl(first.target()), true));
            awaitGates(first.target(), PROCESSING, true);
            return "stages in " + first.target() + " run";
        }

        private String inboundOnTarget() {
            for (RotationPlan plan : plans)
                acceptedBefore.put(plan.app(), services.ingested(plan.app(), plan.target()));
            targetAcceptingAt = clock.instant();
            controls.set(states(plan -> plan.inboundControl(first.target()), true));
            awaitGates(first.target(), INBOUND, true);
            return "gateways in " + first.target() + " take messages; " + awaitNewTrades();
        }

        private String reconcile() {
            List<String> done = new ArrayList<>();
            List<RotationExecution> history = List.of();
            if (settings.reconcileFromLastRotation()) {
                try {
                    history = audit.history(first.target());
                } catch (RuntimeException e) {
                    done.add("the audit could not be read (" + e.getMessage() + "), so the whole window is checked");
                }
            }
            for (RotationPlan plan : plans) {
                Optional<Instant> since = ReconciliationStart.of(plan.app(), history, settings.reconcileOverlap());
                Reconciliation.Result result =
                        reconciliation.reconcile(plan.app(), plan.target(), since, targetAcceptingAt);
                replayed.put(plan.app(), result.replayed());
                replayedKeys.put(plan.app(), result.replayedKeys());
                done.add(String.format(
                        "%s: %d journaled since %s%s, %d replayed (run %s)",
                        plan.app(),
                        result.journaled(),
                        result.windowStart(),
                        since.isPresent() ? " (the last planned rotation's takeover)" : "",
                        result.replayed(),
                        result.runId()));
            }
            return String.join("; ", done);
        }

        private String postChecks() {
            List<String> found = new ArrayList<>();
            if (first.mode() == RotationMode.ROTATE) found.add(forwardLateArrivals());
            for (RotationPlan plan : plans) {
                requireState(plan.inboundControl(plan.source()), false);
                requireState(plan.processingControl(plan.source()), false);
                requireState(plan.inboundControl(plan.target()), true);
                requireState(plan.processingControl(plan.target()), true);
            }
            found.add(awaitResolved());
            return String.join("; ", found);
        }

        /** Counterparties keep reaching the source until they see the target's control On: move what they left. */
        private String forwardLateArrivals() {
            int moved = 0;
            int quiet = 0;
            long deadline = System.nanoTime() + settings.gateTimeout().toNanos();
            while (quiet < settings.quietPolls() && System.nanoTime() < deadline) {
                int now = 0;
                for (RotationPlan plan : plans)
                    for (String queue : inboundQueues.get(plan.app()))
                        now += queues.forward(first.source(), first.target(), queue);
                moved += now;
                quiet = now == 0 ? quiet + 1 : 0;
                pause();
            }
            if (quiet < settings.quietPolls())
                throw new StepFailedException("messages kept arriving in " + first.source() + " after "
                        + settings.gateTimeout().toSeconds() + " s: its clients do not follow the routing controls");
            return "forwarded " + moved + " late arrivals from " + first.source();
        }

        private void requireState(String control, boolean on) {
            if (controls.isOn(control) != on)
                throw new StepFailedException(
                        control + " is " + (on ? "Off" : "On") + ", expected " + (on ? "On" : "Off"));
        }

        private String awaitNewTrades() {
            long deadline = System.nanoTime() + settings.firstTradeTimeout().toNanos();
            List<String> waiting = new ArrayList<>(acceptedBefore.keySet());
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                waiting.removeIf(app -> services.ingested(app, first.target()) > acceptedBefore.get(app));
                if (!waiting.isEmpty()) pause();
            }
            if (waiting.size() == acceptedBefore.size())
                return "no new input reached " + first.target() + " within "
                        + settings.firstTradeTimeout().toSeconds() + " s";
            rtoToProcessing = Duration.between(startedAt, clock.instant());
            return first.target() + " processes new input after " + rtoToProcessing.toMillis() + " ms"
                    + (waiting.isEmpty() ? "" : " (none yet for " + String.join(", ", waiting) + ")");
        }

        private String awaitResolved() {
            long deadline = System.nanoTime() + settings.resolveTimeout().toNanos();
            Map<String, List<String>> outstanding = new LinkedHashMap<>();
            while (true) {
                outstanding.clear();
                for (RotationPlan plan : plans) {
                    // Only the replays are watched: everything else in the window was terminal already.
                    List<String> watched = replayedKeys.getOrDefault(plan.app(), List.of());
                    if (watched.isEmpty()) continue;
                    List<String> keys = reconciliation.outstanding(plan.app(), plan.target(), watched);
                    replayedKeys.put(plan.app(), keys); // a replay once terminal stays terminal
                    if (!keys.isEmpty()) outstanding.put(plan.app(), keys);
                }
                if (outstanding.isEmpty()) break;
                if (System.nanoTime() > deadline)
                    throw new StepFailedException("inputs still not terminal after "
                            + settings.resolveTimeout().toSeconds() + " s: "
                            + outstanding.entrySet().stream()
                                    .map(e -> e.getKey() + " " + e.getValue().size() + " (first "
                                            + e.getValue().get(0) + ")")
                                    .collect(Collectors.joining(", ")));
                pause();
            }
            rtoToResolved = Duration.between(startedAt, clock.instant());
            return "every input journaled before the target took over is terminal";
        }

        private void awaitGates(String region, String kind, boolean open) {
            awaitGates(region, kind, open, settings.gateTimeout());
        }

        private void awaitGates(String region, String kind, boolean open, Duration timeout) {
            for (RotationPlan plan : plans)
                await(
                        () -> services.gateOpen(plan.app(), region, kind) == open,
                        plan.app() + "'s " + kind + " in " + region + " did not " + (open ? "start" : "stop")
                                + " within " + timeout.toSeconds() + " s",
                        timeout);
        }

        private void await(BooleanSupplier condition, String failure, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) throw new StepFailedException(failure);
                pause();
            }
        }

        private Map<String, Boolean> states(Function<RotationPlan, String> control, boolean on) {
            Map<String, Boolean> states = new LinkedHashMap<>();
            for (RotationPlan plan : plans) states.put(control.apply(plan), on);
            return states;
        }

        private void pause() {
            try {
                Thread.sleep(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailedException("interrupted");
            }
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
