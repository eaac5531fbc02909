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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Executes rotation plans: every step for every app of the execution, then the next step, recording the execution in
 * the audit table before and after each step, with the measured RTO. An execution holds the {@link RotationLease} from
 * before its first step until it ends, renewing it as it runs, so no other execution moves apps meanwhile; one that
 * stopped half-way is resumed from the step where it stopped ({@link RotationDesk}). At no point are two regions of an app On for the same kind of routing control (ARC's
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
     * @param leaseTtl how long the lease lasts unless renewed (renewed every quarter of it): how long a runbook whose
     *     process died keeps others from rotating, and from resuming it
     * @param switchoverFollow how long a switchover that outlived its timeout is followed before the execution stops
     * @param confirmationWait how long an execution waits for an operator's confirmation before it leaves the wait
     *     (and the lease) to a later {@code confirm}
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
            Duration reconcileOverlap,
            Duration leaseTtl,
            Duration switchoverFollow,
            Duration confirmationWait) {

        public static final Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(2);
        public static final Duration DEFAULT_SWITCHOVER_FOLLOW = Duration.ofMinutes(5);
        public static final Duration DEFAULT_CONFIRMATION_WAIT = Duration.ofMinutes(30);

        public Settings {
            for (var named : Map.of(
                            "leaseTtl", leaseTtl, "switchoverFollow", switchoverFollow, "pollInterval", pollInterval)
                    .entrySet())
                if (named.getValue() == null
                        || named.getValue().isNegative()
                        || named.getValue().isZero())
                    throw new IllegalArgumentException(named.getKey() + " must be positive: " + named.getValue());
            if (confirmationWait == null || confirmationWait.isNegative())
                throw new IllegalArgumentException("confirmationWait must not be negative: " + confirmationWait);
        }

        /** The settings with the lease, switchover follow and confirmation wait at their defaults. */
        public Settings(
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
            this(
                    pollInterval,
                    quietPolls,
                    drainTimeout,
                    gateTimeout,
                    switchoverTimeout,
                    maxReplicationLag,
                    lagWait,
                    firstTradeTimeout,
                    resolveTimeout,
                    reconcileFromLastRotation,
                    reconcileOverlap,
                    DEFAULT_LEASE_TTL,
                    DEFAULT_SWITCHOVER_FOLLOW,
                    DEFAULT_CONFIRMATION_WAIT);
        }

        /** The same settings with another lease ttl. */
        public Settings withLeaseTtl(Duration ttl) {
            return new Settings(
                    pollInterval,
                    quietPolls,
                    drainTimeout,
                    gateTimeout,
                    switchoverTimeout,
                    maxReplicationLag,
                    lagWait,
                    firstTradeTimeout,
                    resolveTimeout,
                    reconcileFromLastRotation,
                    reconcileOverlap,
                    ttl,
                    switchoverFollow,
                    confirmationWait);
        }

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
    private final RotationLease lease;
    private final Map<String, List<String>> inboundQueues;
    private final Settings settings;
    private final Clock clock;

    /**
     * @param lease the one right to move apps, taken by every execution
     * @param inboundQueues per app, the queues its inbound gateways consume (what a drain empties)
     */
    public RotationRunbook(
            RoutingControls controls,
            RegionServices services,
            Queues queues,
            GlobalDatabases databases,
            Reconciliation reconciliation,
            RunbookAudit audit,
            RotationLease lease,
            Map<String, List<String>> inboundQueues,
            Settings settings,
            Clock clock) {
        this.controls = controls;
        this.services = services;
        this.queues = queues;
        this.databases = databases;
        this.reconciliation = reconciliation;
        this.audit = audit;
        this.lease = lease;
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
     * Runs the plans (one per app, same mode, source and target) in lockstep on the calling thread, as any execution
     * runs: under the lease, recorded in the audit before and after each step. {@code progress} receives a line as
     * each step starts and ends. A failover that waits for a confirmation waits for {@link RotationDesk#confirm} from
     * another thread or process.
     *
     * @throws RotationLease.LeaseHeldException when another execution holds the lease
     */
    public RotationExecution execute(List<RotationPlan> plans, String operator, Consumer<String> progress) {
        return begin(plans, operator, event -> progress.accept(lineOf(event))).run();
    }

    /** An event as the command line prints it: step events indented under the execution's. */
    public static String lineOf(ExecutionEvent event) {
        return switch (event.kind()) {
            case STARTED, FINISHED, AWAITING_CONFIRMATION -> event.text();
            default -> "  " + event.text();
        };
    }

    /** The same runbook with what a request asks of its settings: its drain timeout, its reconciliation window. */
    RotationRunbook forRequest(RotationRequest request) {
        Settings asked = new Settings(
                settings.pollInterval(),
                settings.quietPolls(),
                request.drainTimeout() != null ? request.drainTimeout() : settings.drainTimeout(),
                settings.gateTimeout(),
                settings.switchoverTimeout(),
                settings.maxReplicationLag(),
                settings.lagWait(),
                settings.firstTradeTimeout(),
                settings.resolveTimeout(),
                settings.reconcileFromLastRotation() && !request.fullWindow(),
                settings.reconcileOverlap(),
                settings.leaseTtl(),
                settings.switchoverFollow(),
                settings.confirmationWait());
        return new RotationRunbook(
                controls, services, queues, databases, reconciliation, audit, lease, inboundQueues, asked, clock);
    }

    /** The apps the runbook knows how to move. */
    java.util.Set<String> apps() {
        return inboundQueues.keySet();
    }

    RunbookAudit audit() {
        return audit;
    }

    RotationLease lease() {
        return lease;
    }

    Clock clock() {
        return clock;
    }

    Settings settings() {
        return settings;
    }

    /**
     * A new execution, validated, holding the lease and recorded RUNNING before its first step; {@link Execution#run}
     * runs it.
     *
     * @throws RotationLease.LeaseHeldException when another execution holds the lease
     */
    Execution begin(List<RotationPlan> plans, String operator, Consumer<ExecutionEvent> events) {
        validate(plans);
        Execution execution = new Execution(plans, UUID.randomUUID().toString(), operator, clock.instant(), events);
        execution.takeLease(operator);
        execution.act(OperatorAction.Kind.STARTED, operator);
        execution.recordOrGiveUp();
        return execution;
    }

    /**
     * An interrupted execution (or one that waited for a confirmation) taken up again from the step where it stopped,
     * holding the lease again; what it knew is rebuilt from its step records and from live reads of the controls and
     * the databases. Every step is safe to run again (see {@link #resumeIndex}).
     *
     * @param confirmedBy who confirmed what it awaited, or null
     * @throws RotationLease.LeaseHeldException when another execution holds the lease
     */
    Execution resume(RotationExecution recorded, String operator, String confirmedBy, Consumer<ExecutionEvent> events) {
        List<RotationPlan> plans = recorded.apps().stream()
                .map(app -> RotationPlan.of(app, recorded.mode(), recorded.source(), recorded.target()))
                .toList();
        validate(plans);
        Execution execution =
                new Execution(plans, recorded.executionId(), recorded.operator(), recorded.startedAt(), events);
        execution.takeLease(operator);
        try {
            execution.rebuild(recorded);
            execution.act(OperatorAction.Kind.RESUMED, operator);
            if (confirmedBy != null) execution.confirmed(confirmedBy);
            // It stopped while it waited (or before it asked): it waits again, unless this resume is the confirmation.
            else execution.awaitFirst = execution.awaitsConfirmationBeforeItsNextStep();
            execution.recordOrGiveUp();
        } catch (RuntimeException e) {
            execution.releaseLease();
            throw e;
        }
        return execution;
    }

    /**
     * Where a resumed execution starts again: at the step that was running (or failed), every step before it done.
     * Running a step again is safe: pre-flight only reads; turning a control Off or On again changes nothing when it
     * already is; a drain forwards what is still queued (a copy can arrive twice, never zero times, and the inbound
     * journal recognises the second); the database steps skip an app whose writer is already the target and follow a
     * switchover still in progress; reconciliation replays only what is not terminal, and replays are idempotent. The
     * post-checks watch the replays of the reconciliation before them, which lived only in the stopped process, so
     * they start again at the reconciliation.
     */
    static int resumeIndex(List<StepKind> steps, List<StepRecord> recorded) {
        int index = 0;
        while (index < recorded.size()
                && index < steps.size()
                && recorded.get(index).outcome() == StepRecord.Outcome.DONE) index++;
        if (index < steps.size() && steps.get(index) == StepKind.POST_CHECKS) index = steps.indexOf(StepKind.RECONCILE);
        return index;
    }

    /**
     * Rolls an execution that nobody runs back from where it stopped, under the lease: only before the database moved
     * (the writer is read live); after, it refuses and says to resume or rotate back.
     *
     * @throws IllegalStateException when the database moved, or may be moving
     */
    RotationExecution abortInterrupted(RotationExecution recorded, String operator, Consumer<ExecutionEvent> events) {
        List<RotationPlan> plans = recorded.apps().stream()
                .map(app -> RotationPlan.of(app, recorded.mode(), recorded.source(), recorded.target()))
                .toList();
        Execution execution =
                new Execution(plans, recorded.executionId(), recorded.operator(), recorded.startedAt(), events);
        execution.takeLease(operator);
        RotationExecution aborted;
        try {
            execution.rebuild(recorded);
            if (execution.databaseMoved || execution.databaseMayBeMoving)
                throw new IllegalStateException(execution.movedRefusal());
            execution.act(OperatorAction.Kind.ABORTED, operator);
            execution.markAborted(recorded, operator);
            aborted = execution.abortHere(operator);
        } finally {
            execution.releaseLease();
        }
        execution.finished(aborted);
        return aborted;
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

    /** An operator asked the execution to stop: it rolls back from where it is (before the database moved). */
    private static final class AbortRequested extends RuntimeException {
        final String operator;

        AbortRequested(String operator) {
            super("aborted by " + operator);
            this.operator = operator;
        }
    }

    /** The execution stops here, leaving everything as it is, for a resume or an abort to take up. */
    private static final class StopHere extends RuntimeException {
        /** Whether it still awaits a confirmation (a later confirm resumes it) rather than being interrupted. */
        final boolean stillAwaiting;

        StopHere(String message, boolean stillAwaiting) {
            super(message);
            this.stillAwaiting = stillAwaiting;
        }
    }

    /** What a failover's fencing step says when the source did not confirm it stopped. */
    static final String NOT_CONFIRMED = "did not confirm";

    /** One execution's state while it runs. */
    final class Execution {
        private final List<RotationPlan> plans;
        private final RotationPlan first;
        private final String operator;
        private final Consumer<ExecutionEvent> events;
        private final String executionId;
        private final Instant startedAt;
        private final List<StepRecord> records = new ArrayList<>();
        private final List<OperatorAction> actions = new CopyOnWriteArrayList<>();
        private final Map<String, GlobalDatabases.FailoverLoss> losses = new LinkedHashMap<>();
        private final Map<String, Integer> replayed = new LinkedHashMap<>();
        /** Per app, the replays not yet seen terminal. */
        private final Map<String, List<String>> replayedKeys = new LinkedHashMap<>();

        private final Map<String, Long> acceptedBefore = new LinkedHashMap<>();
        private Instant targetAcceptingAt;
        private Duration rtoToProcessing;
        private Duration rtoToResolved;
        private volatile boolean databaseMoved;
        /** A switchover outlived its timeout and its end was not seen: the source must not be given its controls. */
        private volatile boolean databaseMayBeMoving;

        private boolean sourceProcessingOff;
        /** A failover's source did not confirm that it stopped: the database moves only once an operator confirms. */
        private boolean fenceUnconfirmed;

        private int startIndex;
        /** Resumed while it awaited a confirmation: it awaits it again before its next step. */
        private boolean awaitFirst;

        private volatile StepKind running;
        private volatile RotationExecution.Outcome outcome = RotationExecution.Outcome.RUNNING;
        private volatile String abortBy;
        private volatile String confirmedBy;
        private volatile String leaseLost;
        private volatile RotationLease.Lease held;
        private volatile RotationExecution current;
        private ScheduledExecutorService heartbeat;
        /** The lease, asked of the target's copy first: the source may be gone. */
        private final RotationLease targetLease;

        Execution(
                List<RotationPlan> plans,
                String executionId,
                String operator,
                Instant startedAt,
                Consumer<ExecutionEvent> events) {
            this.plans = plans;
            this.first = plans.get(0);
            this.executionId = executionId;
            this.operator = operator;
            this.startedAt = startedAt;
            this.events = events;
            this.targetLease = lease.preferring(first.target());
        }

        String executionId() {
            return executionId;
        }

        /** The execution as last recorded (or as it ended). */
        RotationExecution current() {
            return current;
        }

        private void takeLease(String holder) {
            held = targetLease.acquire(executionId, holder, settings.leaseTtl());
        }

        private void releaseLease() {
            RotationLease.Lease mine = held;
            if (mine == null) return;
            try {
                targetLease.release(mine);
            } catch (RuntimeException e) {
                // It expires by itself: others wait at most its ttl.
                emit(
                        ExecutionEvent.Kind.PROGRESS,
                        null,
                        "the lease could not be released (" + e.getMessage() + "); it expires at " + mine.expiresAt());
            }
        }

        private void act(OperatorAction.Kind kind, String who) {
            actions.add(new OperatorAction(kind, who, clock.instant()));
        }

        private void confirmed(String who) {
            confirmedBy = who;
            act(OperatorAction.Kind.CONFIRMED, who);
        }

        /** What it knew before it stopped: its records, and what the controls and the databases say now. */
        private void rebuild(RotationExecution recorded) {
            List<StepKind> steps = first.steps();
            startIndex = resumeIndex(steps, recorded.steps());
            records.addAll(recorded.steps().subList(0, startIndex));
            actions.addAll(recorded.actions());
            losses.putAll(recorded.databaseLoss());
            replayed.putAll(recorded.replayed());
            rtoToProcessing = recorded.rtoToProcessing().orElse(null);
            rtoToResolved = recorded.rtoToResolved().orElse(null);
            for (StepRecord step : records) {
                if (step.step() == StepKind.INBOUND_ON_TARGET) targetAcceptingAt = step.startedAt();
                if (step.step() == StepKind.DATABASE_SWITCHOVER || step.step() == StepKind.DATABASE_FAILOVER)
                    databaseMoved = true;
                if (step.detail().contains(NOT_CONFIRMED)) fenceUnconfirmed = true;
            }
            for (RotationPlan plan : plans) {
                GlobalDatabases.WriterState state;
                try {
                    state = databases.writerState(plan.app());
                } catch (RuntimeException e) {
                    throw new IllegalStateException(
                            "cannot tell whether " + plan.app() + "'s database moved: " + e.getMessage(), e);
                }
                if (state.moving()) databaseMayBeMoving = true;
                if (state.writer().equals(first.target())) databaseMoved = true;
                if (!controls.isOn(plan.processingControl(first.source()))) sourceProcessingOff = true;
            }
        }

        /**
         * A failover resumed past its fencing steps, whose source did not confirm it stopped and no operator confirmed
         * it yet, before its database moved.
         */
        private boolean awaitsConfirmationBeforeItsNextStep() {
            List<StepKind> steps = first.steps();
            return first.mode() == RotationMode.FAILOVER
                    && fenceUnconfirmed
                    && !databaseMoved
                    && startIndex > steps.indexOf(StepKind.PROCESSING_OFF_SOURCE)
                    && actions.stream().noneMatch(action -> action.kind() == OperatorAction.Kind.CONFIRMED);
        }

        /** Where the refusal to roll back after the database moved sends the operator. */
        private String movedRefusal() {
            return "execution " + executionId + " cannot be aborted: " + apps(plans) + "'s database "
                    + (databaseMoved ? "moved to " + first.target() : "may be moving to " + first.target())
                    + ", and giving " + first.source() + " its routing controls back now would run it against a"
                    + " database it no longer writes. Resume it (ops-console resume " + executionId + ") or, once it"
                    + " ends, rotate back from " + first.target() + " to " + first.source() + ".";
        }

        /** Records the execution as it stands; before the first step a failure stops it, holding nothing. */
        private void recordOrGiveUp() {
            try {
                record();
            } catch (RuntimeException e) {
                releaseLease();
                throw new IllegalStateException(
                        "the execution could not be recorded in the audit, so it did not start: " + e.getMessage(), e);
            }
        }

        private RotationExecution snapshot(List<StepRecord> steps, String message) {
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
                    steps,
                    Optional.ofNullable(rtoToProcessing),
                    Optional.ofNullable(rtoToResolved),
                    losses,
                    replayed,
                    message,
                    actions);
        }

        private void record() {
            record(running == null ? "" : running + " is running");
        }

        private void record(String message) {
            RotationExecution now = snapshot(records, message);
            current = now;
            audit.record(now);
        }

        /** Records before or after a step: a step that is not recorded could not be resumed, so it is not run. */
        private void recordAround(StepKind step, boolean before) {
            try {
                record();
            } catch (RuntimeException e) {
                throw new StepFailedException("the audit could not be written " + (before ? "before" : "after") + " "
                        + step + " (" + e.getMessage() + ")");
            }
        }

        private void emit(ExecutionEvent.Kind kind, StepKind step, String text) {
            try {
                events.accept(new ExecutionEvent(executionId, kind, step, clock.instant(), text));
            } catch (RuntimeException e) {
                // A follower that fails does not stop the execution.
            }
        }

        private void progress(String text) {
            emit(ExecutionEvent.Kind.PROGRESS, running, text);
        }

        /** Renews the lease every quarter of its ttl; a lease lost stops the execution at its next step boundary. */
        private void startHeartbeat() {
            heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "rotation-lease-" + executionId);
                thread.setDaemon(true);
                return thread;
            });
            long every = Math.max(1, settings.leaseTtl().toMillis() / 4);
            heartbeat.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            RotationLease.Lease mine = held;
            try {
                held = targetLease.renew(mine, settings.leaseTtl());
            } catch (RotationLease.LeaseHeldException e) {
                leaseLost = "lost the lease: " + e.getMessage();
            } catch (RuntimeException e) {
                // The lease's table may answer at the next beat; once the lease expired, another may have taken it.
                if (mine.expiredAt(clock.instant()))
                    leaseLost = "the lease expired at " + mine.expiresAt() + " and could not be renewed ("
                            + e.getMessage() + ")";
            }
        }

        /** Runs the execution from its step to its end, on the calling thread; returns it as it ended. */
        RotationExecution run() {
            startHeartbeat();
            RotationExecution ended;
            try {
                ended = runSteps();
            } finally {
                heartbeat.shutdownNow();
                releaseLease();
            }
            // Last, once the lease is free: whoever follows it may resume or rotate at once.
            finished(ended);
            return ended;
        }

        private void finished(RotationExecution ended) {
            emit(ExecutionEvent.Kind.FINISHED, null, ended.outcome() + ": " + ended.message());
        }

        private RotationExecution runSteps() {
            emit(
                    ExecutionEvent.Kind.STARTED,
                    null,
                    String.format(
                            "%s %s: %s -> %s (execution %s, %s by %s)",
                            first.mode() == RotationMode.ROTATE ? "rotate" : "failover",
                            apps(plans),
                            first.source(),
                            first.target(),
                            executionId,
                            startIndex == 0
                                    ? "started"
                                    : "resumed at "
                                            + (startIndex < first.steps().size()
                                                    ? first.steps().get(startIndex)
                                                    : "its end"),
                            actions.isEmpty()
                                    ? operator
                                    : actions.get(actions.size() - 1).operator()));
            List<StepKind> steps = first.steps();
            if (awaitFirst) {
                try {
                    awaitConfirmation(steps.get(Math.max(0, startIndex - 1)));
                } catch (StopHere e) {
                    return stopHere(e);
                } catch (AbortRequested e) {
                    if (startIndex < steps.size()) {
                        markFailed(
                                steps.get(startIndex), clock.instant(), System.nanoTime(), "aborted by " + e.operator);
                        notRun(steps, startIndex);
                    }
                    return abortHere(e.operator);
                } catch (RuntimeException e) {
                    return finish(
                            RotationExecution.Outcome.INTERRUPTED, "awaiting confirmation failed: " + e.getMessage());
                }
            }
            for (int i = startIndex; i < steps.size(); i++) {
                StepKind step = steps.get(i);
                Instant stepStart = clock.instant();
                long startNanos = System.nanoTime();
                try {
                    atBoundary(step);
                    running = step;
                    records.add(new StepRecord(step, stepStart, Duration.ZERO, StepRecord.Outcome.RUNNING, ""));
                    recordAround(step, true);
                    emit(ExecutionEvent.Kind.STEP_STARTED, step, step + " ...");
                    String detail = runStep(step);
                    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
                    boolean awaits = awaitsConfirmation(step);
                    if (awaits)
                        detail += "; awaiting an operator's confirmation that " + first.source()
                                + " stopped before the database fails over";
                    records.set(
                            records.size() - 1, new StepRecord(step, stepStart, took, StepRecord.Outcome.DONE, detail));
                    running = null;
                    emit(
                            ExecutionEvent.Kind.STEP_DONE,
                            step,
                            String.format("%s done in %.1f s: %s", step, seconds(took), detail));
                    if (awaits) awaitConfirmation(step);
                    else recordAround(step, false);
                } catch (StopHere e) {
                    return stopHere(e);
                } catch (AbortRequested e) {
                    // Aborted while it ran the step, or once it was done (awaiting a confirmation): only a step
                    // that was running is marked aborted.
                    StepRecord last = records.isEmpty() ? null : records.get(records.size() - 1);
                    if (last == null || last.step() != step || last.outcome() != StepRecord.Outcome.DONE)
                        markFailed(step, stepStart, startNanos, "aborted by " + e.operator);
                    notRun(steps, i);
                    return abortHere(e.operator);
                } catch (RuntimeException e) {
                    String reason = e instanceof StepFailedException ? e.getMessage() : e.toString();
                    Duration took = markFailed(step, stepStart, startNanos, reason);
                    emit(
                            ExecutionEvent.Kind.STEP_FAILED,
                            step,
                            String.format("%s FAILED after %.1f s: %s", step, seconds(took), reason));
                    notRun(steps, i);
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

        /** The step's record, RUNNING until now, becomes FAILED; returns how long it ran. */
        private Duration markFailed(StepKind step, Instant stepStart, long startNanos, String reason) {
            running = null;
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            StepRecord failed = new StepRecord(step, stepStart, took, StepRecord.Outcome.FAILED, reason);
            if (!records.isEmpty() && records.get(records.size() - 1).step() == step)
                records.set(records.size() - 1, failed);
            else records.add(failed);
            return took;
        }

        /** The step an interrupted execution stopped at becomes FAILED (aborted), the ones after it NOT_RUN. */
        private void markAborted(RotationExecution recorded, String who) {
            List<StepKind> steps = first.steps();
            if (startIndex >= steps.size()) return;
            StepRecord stopped =
                    startIndex < recorded.steps().size() ? recorded.steps().get(startIndex) : null;
            records.add(new StepRecord(
                    steps.get(startIndex),
                    stopped == null ? null : stopped.startedAt(),
                    stopped == null ? Duration.ZERO : stopped.took(),
                    StepRecord.Outcome.FAILED,
                    "aborted by " + who + (stopped == null ? "" : " (it was " + stopped.outcome() + ")")));
            notRun(steps, startIndex);
        }

        private void notRun(List<StepKind> steps, int failedIndex) {
            for (StepKind skipped : steps.subList(failedIndex + 1, steps.size()))
                records.add(new StepRecord(skipped, null, Duration.ZERO, StepRecord.Outcome.NOT_RUN, ""));
        }

        /** Between two steps: a lost lease stops the execution here, an abort rolls it back from here. */
        private void atBoundary(StepKind next) {
            if (leaseLost != null)
                throw new StopHere(
                        leaseLost + ". Stopped before " + next + " without rolling back: another execution may be"
                                + " moving the apps; once no one runs one, resume or abort this one.",
                        false);
            checkAbort();
        }

        private void checkAbort() {
            String by = abortBy;
            if (by == null) return;
            if (databaseMoved || databaseMayBeMoving) {
                // Accepted before the database moved, seen after: rolling back now would split app and database.
                abortBy = null;
                progress("the abort by " + by + " came too late: " + movedRefusal());
                return;
            }
            throw new AbortRequested(by);
        }

        private boolean awaitsConfirmation(StepKind step) {
            return first.mode() == RotationMode.FAILOVER
                    && step == StepKind.PROCESSING_OFF_SOURCE
                    && fenceUnconfirmed
                    && confirmedBy == null;
        }

        /**
         * Waits until an operator confirms (here, or in the audit from another process) or aborts. Past the wait it
         * stops, still awaiting: a later {@code confirm} resumes it.
         */
        private void awaitConfirmation(StepKind step) {
            outcome = RotationExecution.Outcome.AWAITING_CONFIRMATION;
            String ask =
                    first.source() + " did not confirm that it stopped (" + step + "): confirm that it has (ops-console"
                            + " confirm " + executionId + ") for the database to fail over to " + first.target()
                            + ", or abort the execution";
            try {
                record(ask);
            } catch (RuntimeException e) {
                throw new StepFailedException(
                        "the audit could not be written while awaiting confirmation (" + e.getMessage() + ")");
            }
            emit(ExecutionEvent.Kind.AWAITING_CONFIRMATION, step, ask);
            long deadline = System.nanoTime() + settings.confirmationWait().toNanos();
            while (confirmedBy == null) {
                if (leaseLost != null)
                    throw new StopHere(leaseLost + ", awaiting confirmation; stopped without rolling back", false);
                readRequestsFromAudit();
                checkAbort();
                if (confirmedBy != null) break;
                if (System.nanoTime() > deadline)
                    throw new StopHere(
                            "no confirmation within "
                                    + settings.confirmationWait().toSeconds() + " s; it still awaits one: " + ask,
                            true);
                sleep();
            }
            outcome = RotationExecution.Outcome.RUNNING;
            emit(ExecutionEvent.Kind.PROGRESS, step, "confirmed by " + confirmedBy);
            recordAround(step, false);
        }

        /** Confirmations and aborts given from another process reach the execution through its audit record. */
        private void readRequestsFromAudit() {
            Optional<RotationExecution> recorded;
            try {
                recorded = audit.execution(first.target(), executionId);
            } catch (RuntimeException e) {
                return; // asked again at the next look
            }
            if (recorded.isEmpty()) return;
            for (OperatorAction action : recorded.get().actions()) {
                if (actions.contains(action)) continue;
                actions.add(action);
                if (action.kind() == OperatorAction.Kind.CONFIRMED) confirmedBy = action.operator();
                if (action.kind() == OperatorAction.Kind.ABORTED) abortBy = action.operator();
            }
        }

        /** An operator, here, confirms what the execution awaits. */
        void confirm(String who) {
            if (outcome != RotationExecution.Outcome.AWAITING_CONFIRMATION)
                throw new IllegalStateException("execution " + executionId + " awaits no confirmation: it is " + outcome
                        + (running == null ? "" : " at " + running));
            confirmed(who);
        }

        /**
         * An operator, here, asks it to stop; it stops at its next look and rolls back.
         *
         * @return what will happen
         * @throws IllegalStateException when the database moved or is moving
         */
        String requestAbort(String who) {
            if (databaseMoved
                    || databaseMayBeMoving
                    || running == StepKind.DATABASE_SWITCHOVER
                    || running == StepKind.DATABASE_FAILOVER) throw new IllegalStateException(movedRefusal());
            act(OperatorAction.Kind.ABORTED, who);
            abortBy = who;
            return "execution " + executionId + " stops at its next look and gives " + first.source()
                    + " its routing controls back";
        }

        /** Stops without touching anything, recorded INTERRUPTED, for a resume or an abort to take up. */
        private RotationExecution stopHere(StopHere stop) {
            outcome = stop.stillAwaiting
                    ? RotationExecution.Outcome.AWAITING_CONFIRMATION
                    : RotationExecution.Outcome.INTERRUPTED;
            String message = (running == null ? "" : "stopped at " + running + ": ") + stop.getMessage();
            try {
                record(message);
            } catch (RuntimeException e) {
                current = snapshot(records, message);
            }
            return current;
        }

        /** Rolls back from where it is: the target's controls Off, the source's processing On, then its inbound. */
        private RotationExecution abortHere(String who) {
            String at = records.isEmpty()
                    ? "its start"
                    : records.stream()
                            .filter(step -> step.outcome() != StepRecord.Outcome.NOT_RUN)
                            .reduce((a, b) -> b)
                            .map(step -> step.step().toString())
                            .orElse("its start");
            try {
                rollBack(true);
                return finish(
                        RotationExecution.Outcome.ABORTED,
                        "aborted by " + who + " at " + at + ". Rolled back: " + apps(plans) + " runs in "
                                + first.source() + " again (its inbound and processing routing controls are On).");
            } catch (RuntimeException e) {
                return finish(
                        RotationExecution.Outcome.FAILED,
                        "aborted by " + who + " at " + at + ", but rolling back failed (" + e.getMessage() + "). "
                                + controlStates());
            }
        }

        private RotationExecution stopped(StepKind step, String reason) {
            if (!databaseMoved && !databaseMayBeMoving && first.mode() == RotationMode.ROTATE) {
                try {
                    rollBack(false);
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

        /**
         * Gives the source back its routing controls: processing first, so inbound never feeds a stopped region. An
         * abort (which may come after an interruption anywhere before the database moved) turns the target's controls
         * Off first, as ARC allows one region On per control.
         */
        private void rollBack(boolean targetToo) {
            progress("rolling back: routing controls On again in " + first.source());
            if (targetToo) {
                Map<String, Boolean> targetOff = new LinkedHashMap<>();
                for (RotationPlan plan : plans)
                    for (String control :
                            List.of(plan.inboundControl(first.target()), plan.processingControl(first.target())))
                        if (controls.isOn(control)) targetOff.put(control, false);
                if (!targetOff.isEmpty()) controls.set(targetOff);
            }
            if (sourceProcessingOff || targetToo)
                controls.set(states(plan -> plan.processingControl(first.source()), true));
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

        private RotationExecution finish(RotationExecution.Outcome ended, String message) {
            outcome = ended;
            running = null;
            RotationExecution result = snapshot(records, message);
            current = result;
            try {
                audit.record(result);
            } catch (RuntimeException e) {
                emit(
                        ExecutionEvent.Kind.PROGRESS,
                        null,
                        "the audit could not record the end (" + e.getMessage()
                                + "); it shows the execution at its last step");
            }
            return result;
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
                fenceUnconfirmed = true;
                return first.source() + " " + NOT_CONFIRMED + " (" + e.getMessage() + "); its " + kind
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
                GlobalDatabases.WriterState before = databases.writerState(plan.app());
                if (before.moving()) {
                    // A resumed execution finds the switchover it started still running: follow it to its end.
                    done.add(followSwitchover(plan, "a switchover was already in progress"));
                    continue;
                }
                try {
                    databases.switchover(plan.app(), plan.target(), settings.switchoverTimeout());
                } catch (RuntimeException e) {
                    done.add(followSwitchover(plan, plan.app() + "'s switchover failed: " + e.getMessage()));
                    continue;
                }
                databaseMoved = true;
                done.add(plan.app() + " written in " + plan.target());
            }
            databaseMoved = true;
            return String.join("; ", done);
        }

        /**
         * A switchover that failed or outlived its timeout may still be running in the database: it is followed (up to
         * the follow bound) instead of rolled back blindly, as giving the source its controls back while its database
         * moves away would split them. Returns what it found when the switchover completed; fails, changing nothing,
         * when it never began; fails without a rollback when it still runs at the bound.
         */
        private String followSwitchover(RotationPlan plan, String failure) {
            long deadline = System.nanoTime() + settings.switchoverFollow().toNanos();
            String last = "the database's state could not be read";
            while (true) {
                try {
                    GlobalDatabases.WriterState state = databases.writerState(plan.app());
                    last = "the writer is " + state.writer() + (state.moving() ? ", still moving" : "");
                    if (!state.moving() && state.writer().equals(plan.target())) {
                        databaseMoved = true;
                        progress(failure + "; followed: the switchover completed, " + plan.app() + " is written in "
                                + plan.target());
                        return plan.app() + " written in " + plan.target() + " (the switchover completed after: "
                                + failure + ")";
                    }
                    if (!state.moving()) {
                        // It ended where it began (apps before this one either moved or stopped the step).
                        databaseMayBeMoving = false;
                        throw new StepFailedException(failure + "; " + last + ": the database did not move");
                    }
                    databaseMayBeMoving = true;
                } catch (StepFailedException e) {
                    throw e;
                } catch (RuntimeException e) {
                    databaseMayBeMoving = true;
                    last = "the database's state could not be read (" + e.getMessage() + ")";
                }
                if (System.nanoTime() > deadline)
                    throw new StepFailedException(failure + "; followed for "
                            + settings.switchoverFollow().toSeconds()
                            + " s: " + last + ". " + first.source() + "'s routing controls stay Off while the"
                            + " database may be moving: once it settles, resume this execution or rotate back");
                progress(plan.app() + "'s switchover is still in progress: " + last);
                pause();
            }
        }

        private String failover() {
            List<String> done = new ArrayList<>();
            for (RotationPlan plan : plans) {
                // A resumed failover must not fail over again: the writer it made may already have taken writes.
                if (databases.writer(plan.app()).equals(plan.target())) {
                    databaseMoved = true;
                    GlobalDatabases.FailoverLoss known = losses.get(plan.app());
                    done.add(plan.app() + " already written in " + plan.target()
                            + (known == null ? " (what its failover lost was not recorded)" : ""));
                    continue;
                }
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
                    history = audit.history(first.target()).stream()
                            .filter(execution -> !execution.executionId().equals(executionId))
                            .toList();
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

        /** Waits one poll interval; an abort asked for meanwhile stops the execution here. */
        private void pause() {
            checkAbort();
            sleep();
        }

        private void sleep() {
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
