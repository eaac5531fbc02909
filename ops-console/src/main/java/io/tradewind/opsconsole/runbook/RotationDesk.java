package io.tradewind.opsconsole.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The runbook as the console and the command line use it: each execution runs on a thread of its own under the lease,
 * recorded before and after every step, and can be followed, resumed, aborted and confirmed, here or from another
 * process. An execution whose record says it runs, but which no one runs (its lease is gone, expired or taken by
 * another execution), is shown INTERRUPTED at the step it was running.
 *
 * <p>Across processes: the lease says who runs what; a confirmation or an abort given in another process while the
 * execution awaits a confirmation is added to its audit record, which the waiting execution reads at every look.
 */
public final class RotationDesk implements RunbookOperations {
    /** How often an execution run elsewhere is read again while it is followed. */
    static final Duration FOLLOW_POLL = Duration.ofSeconds(1);
    /** Finished executions kept here for late followers. */
    private static final int FINISHED_KEPT = 50;

    private final RotationRunbook runbook;
    private final List<String> regions;
    private final Map<String, Live> live = new ConcurrentHashMap<>();

    /**
     * @param regions the regions whose copy of the audit is read (an execution is recorded in its target region)
     */
    public RotationDesk(RotationRunbook runbook, List<String> regions) {
        if (regions.isEmpty()) throw new IllegalArgumentException("regions is empty");
        this.runbook = runbook;
        this.regions = List.copyOf(regions);
    }

    @Override
    public String dryRun(RotationRequest request) {
        validate(request);
        return runbook.forRequest(request).describe(request.plans());
    }

    @Override
    public String start(RotationRequest request, String operator) {
        validate(request);
        requireOperator(operator);
        Live execution = new Live();
        execution.attach(runbook.forRequest(request).begin(request.plans(), operator, execution::publish));
        return execution.runOnItsThread();
    }

    @Override
    public String resume(String executionId, String operator) {
        requireOperator(operator);
        RotationExecution recorded = takeUp(executionId, "resume");
        Live execution = new Live();
        execution.attach(runbook.resume(recorded, operator, null, execution::publish));
        return execution.runOnItsThread();
    }

    @Override
    public String abort(String executionId, String operator) {
        requireOperator(operator);
        Live here = live.get(executionId);
        if (here != null && !here.finished && here.execution != null) return here.execution.requestAbort(operator);
        RotationExecution recorded = recorded(executionId);
        if (recorded.ended())
            throw new IllegalStateException(
                    "execution " + executionId + " has ended (" + recorded.outcome() + "): nothing to abort");
        Optional<RotationLease.Lease> runner = runnerElsewhere(recorded);
        if (runner.isPresent()) {
            if (recorded.outcome() != RotationExecution.Outcome.AWAITING_CONFIRMATION)
                throw new IllegalStateException(runsElsewhere(recorded, runner.get(), "abort it there"));
            addAction(recorded, OperatorAction.Kind.ABORTED, operator);
            return "execution " + executionId + " awaits a confirmation in another process ("
                    + runner.get().holder()
                    + "): it reads the abort at its next look and gives " + recorded.source()
                    + " its routing controls back";
        }
        Live execution = new Live();
        live.put(executionId, execution);
        try {
            RotationExecution aborted = runbook.abortInterrupted(recorded, operator, execution::publish);
            return aborted.outcome() + ": " + aborted.message();
        } finally {
            execution.finished = true;
        }
    }

    @Override
    public void confirm(String executionId, String operator) {
        requireOperator(operator);
        Live here = live.get(executionId);
        if (here != null && !here.finished && here.execution != null) {
            here.execution.confirm(operator);
            return;
        }
        RotationExecution recorded = recorded(executionId);
        if (recorded.outcome() != RotationExecution.Outcome.AWAITING_CONFIRMATION)
            throw new IllegalStateException("execution " + executionId + " awaits no confirmation: it is "
                    + derive(recorded, leaseNow()).outcome());
        if (runnerElsewhere(recorded).isPresent()) {
            addAction(recorded, OperatorAction.Kind.CONFIRMED, operator);
            return;
        }
        // No one waits for it any more: the confirmation resumes it here.
        Live execution = new Live();
        execution.attach(runbook.resume(recorded, operator, operator, execution::publish));
        execution.runOnItsThread();
    }

    @Override
    public Optional<RotationExecution> execution(String executionId) {
        Live here = live.get(executionId);
        if (here != null && here.execution != null) return Optional.of(here.execution.current());
        return find(executionId).map(recorded -> derive(recorded, leaseNow()));
    }

    @Override
    public List<RotationExecution> history() {
        Map<String, RotationExecution> freshest = new LinkedHashMap<>();
        List<RuntimeException> unreadable = new ArrayList<>();
        for (String region : regions) {
            try {
                for (RotationExecution execution : runbook.audit().history(region))
                    freshest.merge(execution.executionId(), execution, RotationDesk::fresher);
            } catch (RuntimeException e) {
                unreadable.add(e); // the other region's copy answers in a failover
            }
        }
        if (unreadable.size() == regions.size()) {
            IllegalStateException none = new IllegalStateException("no region's audit could be read");
            unreadable.forEach(none::addSuppressed);
            throw none;
        }
        Optional<RotationLease.Lease> lease = leaseNow();
        List<RotationExecution> all = new ArrayList<>();
        for (RotationExecution recorded : freshest.values()) {
            Live here = live.get(recorded.executionId());
            all.add(here != null && here.execution != null ? here.execution.current() : derive(recorded, lease));
        }
        live.values().stream()
                .filter(here -> here.execution != null && !freshest.containsKey(here.execution.executionId()))
                .forEach(here -> all.add(here.execution.current()));
        all.sort(Comparator.comparing(RotationExecution::startedAt).reversed());
        return all;
    }

    @Override
    public AutoCloseable follow(String executionId, Consumer<ExecutionEvent> listener) {
        Live here = live.get(executionId);
        if (here != null) return here.follow(listener);
        RotationExecution recorded = recorded(executionId);
        return new RecordFollower(recorded, listener).start();
    }

    private void validate(RotationRequest request) {
        for (String app : request.apps())
            if (!runbook.apps().contains(app))
                throw new IllegalArgumentException("app " + app + " is unknown; known: " + runbook.apps());
        for (String region : List.of(String.valueOf(request.source()), String.valueOf(request.target())))
            if (!regions.contains(region))
                throw new IllegalArgumentException("region " + region + " is unknown; known: " + regions);
    }

    private static void requireOperator(String operator) {
        if (operator == null || operator.isBlank())
            throw new IllegalArgumentException("operator is blank: every action is recorded with who took it");
    }

    /** The recorded execution, if nobody runs it, ready to be resumed. */
    private RotationExecution takeUp(String executionId, String action) {
        Live here = live.get(executionId);
        if (here != null && !here.finished)
            throw new IllegalStateException("execution " + executionId + " is running here: nothing to " + action);
        RotationExecution recorded = recorded(executionId);
        if (recorded.ended())
            throw new IllegalStateException(
                    "execution " + executionId + " has ended (" + recorded.outcome() + "): nothing to " + action);
        runnerElsewhere(recorded).ifPresent(lease -> {
            throw new IllegalStateException(runsElsewhere(recorded, lease, action + " it once it stops"));
        });
        return recorded;
    }

    /** The lease of whoever still runs this execution in another process, if anyone does. */
    private Optional<RotationLease.Lease> runnerElsewhere(RotationExecution recorded) {
        if (!recorded.inProgress()) return Optional.empty();
        return leaseNow()
                .filter(lease -> lease.executionId().equals(recorded.executionId())
                        && !lease.expiredAt(runbook.clock().instant()));
    }

    private static String runsElsewhere(RotationExecution recorded, RotationLease.Lease lease, String advice) {
        return "execution " + recorded.executionId() + " is running in another process: " + lease.holder()
                + " holds its lease until " + lease.expiresAt() + "; " + advice;
    }

    /** A confirmation or abort for an execution that awaits one in another process, added to its audit record. */
    private void addAction(RotationExecution recorded, OperatorAction.Kind kind, String operator) {
        List<OperatorAction> actions = new ArrayList<>(recorded.actions());
        actions.add(new OperatorAction(kind, operator, runbook.clock().instant()));
        runbook.audit()
                .record(new RotationExecution(
                        recorded.executionId(),
                        recorded.operator(),
                        recorded.mode(),
                        recorded.apps(),
                        recorded.source(),
                        recorded.target(),
                        recorded.startedAt(),
                        recorded.finishedAt(),
                        recorded.outcome(),
                        recorded.steps(),
                        recorded.rtoToProcessing(),
                        recorded.rtoToResolved(),
                        recorded.databaseLoss(),
                        recorded.replayed(),
                        recorded.message(),
                        actions));
    }

    private Optional<RotationLease.Lease> leaseNow() {
        try {
            return runbook.lease().current();
        } catch (RuntimeException e) {
            return Optional.empty(); // unknown: shown as recorded below
        }
    }

    /**
     * The execution as it stands: one recorded as running or awaiting, whose lease is gone, expired or held by another
     * execution, is INTERRUPTED at the step it was running.
     */
    RotationExecution derive(RotationExecution recorded, Optional<RotationLease.Lease> lease) {
        if (!recorded.inProgress()) return recorded;
        String why;
        if (lease.isEmpty()) why = "its lease is gone";
        else if (!lease.get().executionId().equals(recorded.executionId()))
            why = "execution " + lease.get().executionId() + " holds the lease";
        else if (lease.get().expiredAt(runbook.clock().instant()))
            why = "its lease expired at " + lease.get().expiresAt();
        else return recorded;
        String at = recorded.currentStep()
                .map(step -> " at " + step)
                .orElse(
                        recorded.outcome() == RotationExecution.Outcome.AWAITING_CONFIRMATION
                                ? " awaiting confirmation"
                                : "");
        return recorded.withOutcome(
                RotationExecution.Outcome.INTERRUPTED,
                "interrupted" + at + ": no one runs it (" + why + "). Resume it (ops-console resume "
                        + recorded.executionId() + ") or abort it (ops-console abort " + recorded.executionId()
                        + ")" + (recorded.message().isEmpty() ? "" : ". It said: " + recorded.message()));
    }

    private RotationExecution recorded(String executionId) {
        return find(executionId)
                .orElseThrow(() -> new IllegalArgumentException("no execution " + executionId + " in the audit"));
    }

    /** The freshest record of the execution among the regions' copies of the audit. */
    private Optional<RotationExecution> find(String executionId) {
        RotationExecution freshest = null;
        RuntimeException failure = null;
        int answered = 0;
        for (String region : regions) {
            try {
                Optional<RotationExecution> found = runbook.audit().execution(region, executionId);
                answered++;
                if (found.isPresent()) freshest = freshest == null ? found.get() : fresher(freshest, found.get());
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (answered == 0) throw new IllegalStateException("no region's audit could be read", failure);
        return Optional.ofNullable(freshest);
    }

    /** Of two records of one execution, the one recorded last (a region's copy may lag the other's). */
    private static RotationExecution fresher(RotationExecution a, RotationExecution b) {
        return b.finishedAt().isAfter(a.finishedAt()) ? b : a;
    }

    /** An execution run here: its events so far and whoever follows them. */
    private final class Live {
        private final List<ExecutionEvent> events = new ArrayList<>();
        private final List<Consumer<ExecutionEvent>> followers = new CopyOnWriteArrayList<>();
        volatile RotationRunbook.Execution execution;
        volatile boolean finished;

        void attach(RotationRunbook.Execution begun) {
            execution = begun;
            live.put(begun.executionId(), this);
            forgetOldest();
        }

        String runOnItsThread() {
            Thread thread = new Thread(
                    () -> {
                        try {
                            execution.run();
                        } finally {
                            finished = true;
                        }
                    },
                    "rotation-" + execution.executionId());
            thread.start();
            return execution.executionId();
        }

        void publish(ExecutionEvent event) {
            synchronized (events) {
                events.add(event);
                for (Consumer<ExecutionEvent> follower : followers) deliver(follower, event);
            }
        }

        AutoCloseable follow(Consumer<ExecutionEvent> listener) {
            synchronized (events) {
                for (ExecutionEvent event : events) deliver(listener, event);
                followers.add(listener);
            }
            return () -> followers.remove(listener);
        }

        private void deliver(Consumer<ExecutionEvent> follower, ExecutionEvent event) {
            try {
                follower.accept(event);
            } catch (RuntimeException e) {
                followers.remove(follower); // a follower that fails (a closed stream) follows no more
            }
        }
    }

    private void forgetOldest() {
        List<Map.Entry<String, Live>> done = live.entrySet().stream()
                .filter(entry -> entry.getValue().finished && entry.getValue().execution != null)
                .sorted(Comparator.comparing(
                        entry -> entry.getValue().execution.current().finishedAt()))
                .toList();
        for (int i = 0; i < done.size() - FINISHED_KEPT; i++)
            live.remove(done.get(i).getKey());
    }

    /**
     * Follows an execution this process does not run, from its audit record: the steps recorded so far, then each
     * change as it is recorded, until it ends (or is interrupted).
     */
    private final class RecordFollower implements AutoCloseable {
        private final String executionId;
        private final Consumer<ExecutionEvent> listener;
        private final Map<StepKind, StepRecord.Outcome> seen = new LinkedHashMap<>();
        private volatile boolean closed;
        private final RotationExecution recorded;
        private RotationExecution last;

        RecordFollower(RotationExecution recorded, Consumer<ExecutionEvent> listener) {
            this.executionId = recorded.executionId();
            this.listener = listener;
            this.recorded = recorded;
        }

        AutoCloseable start() {
            RotationExecution first = derive(recorded, leaseNow());
            emit(
                    ExecutionEvent.Kind.STARTED,
                    null,
                    first,
                    String.format(
                            "%s %s: %s -> %s (execution %s, by %s)",
                            first.mode() == RotationMode.ROTATE ? "rotate" : "failover",
                            String.join(" and ", first.apps()),
                            first.source(),
                            first.target(),
                            executionId,
                            first.operator()));
            if (!emitChanges(first)) return this;
            Thread thread = new Thread(this::poll, "follow-" + executionId);
            thread.setDaemon(true);
            thread.start();
            return this;
        }

        private void poll() {
            while (!closed) {
                try {
                    Thread.sleep(FOLLOW_POLL.toMillis());
                    Optional<RotationExecution> now = execution(executionId);
                    if (now.isPresent() && !emitChanges(now.get())) return;
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // The audit answers at the next look.
                }
            }
        }

        /** Emits what changed since the last look; false once the execution ended (FINISHED emitted). */
        private boolean emitChanges(RotationExecution now) {
            for (StepRecord step : now.steps()) {
                if (step.outcome() == StepRecord.Outcome.NOT_RUN) continue;
                if (seen.get(step.step()) == step.outcome()) continue;
                seen.put(step.step(), step.outcome());
                switch (step.outcome()) {
                    case RUNNING -> emit(ExecutionEvent.Kind.STEP_STARTED, step.step(), now, step.step() + " ...");
                    case DONE ->
                        emit(
                                ExecutionEvent.Kind.STEP_DONE,
                                step.step(),
                                now,
                                String.format(
                                        "%s done in %.1f s: %s",
                                        step.step(), step.took().toMillis() / 1000.0, step.detail()));
                    case FAILED ->
                        emit(
                                ExecutionEvent.Kind.STEP_FAILED,
                                step.step(),
                                now,
                                String.format(
                                        "%s FAILED after %.1f s: %s",
                                        step.step(), step.took().toMillis() / 1000.0, step.detail()));
                    default -> {}
                }
            }
            if (now.outcome() == RotationExecution.Outcome.AWAITING_CONFIRMATION
                    && (last == null || last.outcome() != RotationExecution.Outcome.AWAITING_CONFIRMATION))
                emit(ExecutionEvent.Kind.AWAITING_CONFIRMATION, null, now, now.message());
            last = now;
            if (now.inProgress()) return true;
            emit(ExecutionEvent.Kind.FINISHED, null, now, now.outcome() + ": " + now.message());
            closed = true;
            return false;
        }

        private void emit(ExecutionEvent.Kind kind, StepKind step, RotationExecution at, String text) {
            if (closed) return;
            try {
                listener.accept(new ExecutionEvent(executionId, kind, step, at.finishedAt(), text));
            } catch (RuntimeException e) {
                closed = true;
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
