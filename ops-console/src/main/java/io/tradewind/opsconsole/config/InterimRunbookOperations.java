package io.tradewind.opsconsole.config;

import io.tradewind.opsconsole.runbook.ExecutionEvent;
import io.tradewind.opsconsole.runbook.RotationExecution;
import io.tradewind.opsconsole.runbook.RotationLease;
import io.tradewind.opsconsole.runbook.RotationPlan;
import io.tradewind.opsconsole.runbook.RotationRequest;
import io.tradewind.opsconsole.runbook.RotationRunbook;
import io.tradewind.opsconsole.runbook.RunbookAudit;
import io.tradewind.opsconsole.runbook.RunbookOperations;
import io.tradewind.opsconsole.runbook.StepKind;
import io.tradewind.opsconsole.runbook.StepRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TEMPORARY (issue 20, slice B): stands in for {@code RunbookWiring.operations()} until the lease and the step audit
 * (slice A) are merged, and is deleted then. It runs {@link RotationRunbook#execute} on a thread of its own, one
 * execution at a time in this process only (no lease across processes: a second start here is refused with the running
 * one as holder), and makes the events from the runbook's progress lines. The audit is written only at the end, so
 * resume, abort and confirm are refused; the request's drain timeout and full window are ignored (the wiring's
 * settings apply).
 */
final class InterimRunbookOperations implements RunbookOperations {
    private static final Pattern EXECUTION_ID = Pattern.compile("\\(execution ([^,]+), by ");
    private static final Pattern STEP_LINE = Pattern.compile("^ {2}([A-Z_]+) (\\.\\.\\.|done in .*|FAILED after .*)$");

    private final RotationRunbook runbook;
    private final RunbookAudit audit;
    private final List<String> regions;
    private final Clock clock;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private Live running;

    InterimRunbookOperations(RotationRunbook runbook, RunbookAudit audit, List<String> regions, Clock clock) {
        this.runbook = runbook;
        this.audit = audit;
        this.regions = List.copyOf(regions);
        this.clock = clock;
    }

    @Override
    public String dryRun(RotationRequest request) {
        return runbook.describe(plans(request));
    }

    @Override
    public String start(RotationRequest request, String operator) {
        List<RotationPlan> plans = plans(request);
        runbook.describe(plans); // refuses plans that cannot run together, before anything starts
        Live execution;
        synchronized (this) {
            if (running != null && !running.finished.isDone())
                throw new RotationLease.LeaseHeldException(new RotationLease.Lease(
                        running.idOrUnknown(), running.operator, clock.instant().plus(Duration.ofMinutes(5))));
            execution = new Live(request, operator, clock.instant());
            running = execution;
        }
        Thread thread = new Thread(
                () -> {
                    try {
                        execution.finish(runbook.execute(plans, operator, execution::onLine));
                    } catch (RuntimeException e) {
                        execution.crash(e);
                    }
                },
                "runbook-execution");
        thread.setDaemon(true);
        thread.start();
        try {
            String id = execution.id.get(30, TimeUnit.SECONDS);
            live.put(id, execution);
            return id;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the execution did not start within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the execution", e);
        }
    }

    private List<RotationPlan> plans(RotationRequest request) {
        for (String region : List.of(String.valueOf(request.source()), String.valueOf(request.target())))
            if (!regions.contains(region))
                throw new IllegalArgumentException("unknown region " + region + "; known: " + regions);
        return request.plans();
    }

    @Override
    public String resume(String executionId, String operator) {
        throw new UnsupportedOperationException("resume needs the step audit, which this build does not have yet");
    }

    @Override
    public String abort(String executionId, String operator) {
        throw new UnsupportedOperationException("abort needs the step audit, which this build does not have yet");
    }

    @Override
    public void confirm(String executionId, String operator) {
        throw new UnsupportedOperationException("confirm needs the step audit, which this build does not have yet");
    }

    @Override
    public Optional<RotationExecution> execution(String executionId) {
        Live execution = live.get(executionId);
        if (execution != null) return Optional.of(execution.now());
        return history().stream()
                .filter(e -> e.executionId().equals(executionId))
                .findFirst();
    }

    /** Every region's copy of the audit (a global table), merged: a region that does not answer is skipped. */
    @Override
    public List<RotationExecution> history() {
        Map<String, RotationExecution> byId = new LinkedHashMap<>();
        RuntimeException failed = null;
        int answered = 0;
        for (String region : regions) {
            try {
                audit.history(region).forEach(e -> byId.putIfAbsent(e.executionId(), e));
                answered++;
            } catch (RuntimeException e) {
                failed = e;
            }
        }
        if (answered == 0 && failed != null) throw failed;
        for (Live execution : live.values())
            if (!execution.finished.isDone()) byId.putIfAbsent(execution.idOrUnknown(), execution.now());
        List<RotationExecution> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(RotationExecution::startedAt).reversed());
        return all;
    }

    @Override
    public AutoCloseable follow(String executionId, Consumer<ExecutionEvent> listener) {
        Live execution = live.get(executionId);
        if (execution != null) return execution.follow(listener);
        RotationExecution done =
                execution(executionId).orElseThrow(() -> new NoSuchElementException("no execution " + executionId));
        listener.accept(new ExecutionEvent(
                executionId,
                ExecutionEvent.Kind.FINISHED,
                null,
                done.finishedAt(),
                done.outcome() + ": " + done.message()));
        return () -> {};
    }

    /** One execution running (or run) in this process. */
    private final class Live {
        final RotationRequest request;
        final String operator;
        final Instant startedAt;
        final CompletableFuture<String> id = new CompletableFuture<>();
        final CompletableFuture<RotationExecution> finished = new CompletableFuture<>();
        private final List<ExecutionEvent> events = new ArrayList<>();
        private final List<Consumer<ExecutionEvent>> listeners = new CopyOnWriteArrayList<>();
        private final List<StepRecord> steps = new ArrayList<>();

        Live(RotationRequest request, String operator, Instant startedAt) {
            this.request = request;
            this.operator = operator;
            this.startedAt = startedAt;
        }

        void onLine(String line) {
            Instant now = clock.instant();
            if (!id.isDone()) {
                Matcher matcher = EXECUTION_ID.matcher(line);
                id.complete(matcher.find() ? matcher.group(1) : "unknown");
                publish(ExecutionEvent.Kind.STARTED, null, now, line);
                return;
            }
            Matcher step = STEP_LINE.matcher(line);
            if (step.matches()) {
                StepKind kind = StepKind.valueOf(step.group(1));
                String rest = step.group(2);
                synchronized (this) {
                    if (rest.equals("...")) {
                        steps.add(new StepRecord(kind, now, Duration.ZERO, StepRecord.Outcome.RUNNING, ""));
                    } else {
                        StepRecord started = steps.remove(steps.size() - 1);
                        boolean done = rest.startsWith("done");
                        steps.add(new StepRecord(
                                kind,
                                started.startedAt(),
                                Duration.between(started.startedAt(), now),
                                done ? StepRecord.Outcome.DONE : StepRecord.Outcome.FAILED,
                                rest.substring(rest.indexOf(':') + 1).trim()));
                    }
                }
                ExecutionEvent.Kind event = rest.equals("...")
                        ? ExecutionEvent.Kind.STEP_STARTED
                        : rest.startsWith("done") ? ExecutionEvent.Kind.STEP_DONE : ExecutionEvent.Kind.STEP_FAILED;
                publish(event, kind, now, line.trim());
                return;
            }
            // The runbook's last line repeats its outcome, which FINISHED carries.
            for (RotationExecution.Outcome outcome : RotationExecution.Outcome.values())
                if (line.startsWith(outcome.name() + ": ")) return;
            publish(ExecutionEvent.Kind.PROGRESS, null, now, line.trim());
        }

        void finish(RotationExecution result) {
            finished.complete(result);
            publish(
                    ExecutionEvent.Kind.FINISHED,
                    null,
                    result.finishedAt(),
                    result.outcome() + ": " + result.message());
        }

        void crash(RuntimeException e) {
            id.completeExceptionally(e); // a start still waiting for the id hears why
            RotationExecution failed = new RotationExecution(
                    idOrUnknown(),
                    operator,
                    request.mode(),
                    request.apps(),
                    request.source(),
                    request.target(),
                    startedAt,
                    clock.instant(),
                    RotationExecution.Outcome.FAILED,
                    snapshotSteps(),
                    Optional.empty(),
                    Optional.empty(),
                    Map.of(),
                    Map.of(),
                    "the runbook stopped: " + e);
            finish(failed);
        }

        /** The runbook's id for the execution, once its first line named it. */
        String idOrUnknown() {
            return id.isDone() && !id.isCompletedExceptionally() ? id.join() : "unknown";
        }

        private synchronized List<StepRecord> snapshotSteps() {
            return List.copyOf(steps);
        }

        RotationExecution now() {
            RotationExecution done = finished.getNow(null);
            if (done != null) return done;
            return new RotationExecution(
                    idOrUnknown(),
                    operator,
                    request.mode(),
                    request.apps(),
                    request.source(),
                    request.target(),
                    startedAt,
                    null,
                    RotationExecution.Outcome.RUNNING,
                    snapshotSteps(),
                    Optional.empty(),
                    Optional.empty(),
                    Map.of(),
                    Map.of(),
                    "running");
        }

        /** Under the lock, as {@link #follow} replays under it: a follower sees every event once, in order. */
        private synchronized void publish(ExecutionEvent.Kind kind, StepKind step, Instant at, String text) {
            ExecutionEvent event = new ExecutionEvent(idOrUnknown(), kind, step, at, text);
            events.add(event);
            for (Consumer<ExecutionEvent> listener : listeners) deliver(listener, event);
        }

        synchronized AutoCloseable follow(Consumer<ExecutionEvent> listener) {
            // Under the lock, so no event is published between the replay and the registration.
            for (ExecutionEvent event : events) deliver(listener, event);
            if (finished.isDone()) return () -> {};
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        /** A follower that fails (its browser went away) is dropped; the execution goes on. */
        private void deliver(Consumer<ExecutionEvent> listener, ExecutionEvent event) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                listeners.remove(listener);
            }
        }
    }
}
