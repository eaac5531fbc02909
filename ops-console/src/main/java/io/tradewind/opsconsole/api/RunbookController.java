package io.tradewind.opsconsole.api;

import static io.tradewind.model.topology.RoutingControls.GENERATOR;

import io.tradewind.opsconsole.flow.FlowSamples;
import io.tradewind.opsconsole.runbook.ExecutionEvent;
import io.tradewind.opsconsole.runbook.Reconciliation;
import io.tradewind.opsconsole.runbook.RotationMode;
import io.tradewind.opsconsole.runbook.RotationPlan;
import io.tradewind.opsconsole.runbook.RotationRequest;
import io.tradewind.opsconsole.runbook.RoutingControls;
import io.tradewind.opsconsole.runbook.RunbookOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The runbook and the other actions: a dry run, starting a rotation or failover (its id at once, 202), following it as
 * server-sent events, resuming, aborting or confirming it, the generator On or Off, and a reconciliation run. Every
 * action is taken in the name of the authenticated user ({@code anonymous} where no one is signed in).
 */
@RestController
@RequestMapping("/api")
public class RunbookController {
    private static final Logger log = LoggerFactory.getLogger(RunbookController.class);
    /** How long a browser may follow one execution on one connection; it reconnects after. */
    static final Duration EVENT_STREAM_TIMEOUT = Duration.ofMinutes(30);

    /** Who acts when no one is signed in (before the console authenticates its users). */
    public static final String ANONYMOUS = "anonymous";

    private final RunbookOperations operations;
    private final RoutingControls controls;
    private final Reconciliation reconciliation;
    private final FlowSamples samples;
    private final ConsoleScope scope;
    private final Clock clock;

    public RunbookController(
            RunbookOperations operations,
            RoutingControls controls,
            Reconciliation reconciliation,
            FlowSamples samples,
            ConsoleScope scope,
            Clock clock) {
        this.operations = operations;
        this.controls = controls;
        this.reconciliation = reconciliation;
        this.samples = samples;
        this.scope = scope;
        this.clock = clock;
    }

    /** What an operator asks the runbook: move {@code apps} from {@code source} to {@code target} in {@code mode}. */
    public record RotationForm(String mode, List<String> apps, String source, String target) {
        RotationRequest toRequest(ConsoleScope scope) {
            if (mode == null || mode.isBlank()) throw new InvalidFieldException("mode", "mode is missing");
            RotationMode parsed = Arrays.stream(RotationMode.values())
                    .filter(m -> m.name().equalsIgnoreCase(mode))
                    .findFirst()
                    .orElseThrow(() -> new InvalidFieldException(
                            "mode", "mode '" + mode + "' is not one of " + Arrays.toString(RotationMode.values())));
            if (apps == null || apps.isEmpty()) throw new InvalidFieldException("apps", "apps is empty");
            for (String app : apps) scope.requireApp("apps", app);
            if (apps.stream().distinct().count() != apps.size())
                throw new InvalidFieldException("apps", "apps names an app twice: " + apps);
            scope.requireRegion("source", source);
            scope.requireRegion("target", target);
            if (source.equals(target))
                throw new InvalidFieldException("target", "target " + target + " is the source: name another region");
            return new RotationRequest(parsed, apps, source, target, null, false);
        }
    }

    public record GeneratorForm(Boolean on) {}

    public record ReconciliationForm(String app, String region) {}

    public record ReconciliationResult(
            String runId, String app, String region, String windowStart, int journaled, int replayed) {}

    /** The plan as text and its steps; reads and changes nothing. */
    @PostMapping(path = "/plans", produces = MediaType.APPLICATION_JSON_VALUE)
    Views.PlanView plan(@RequestBody RotationForm form) {
        RotationRequest request = form.toRequest(scope);
        String text = operations.dryRun(request);
        List<Views.PlanStep> steps = new ArrayList<>();
        RotationPlan plan = RotationPlan.of(request.apps().get(0), request.mode(), request.source(), request.target());
        for (int i = 0; i < plan.steps().size(); i++)
            steps.add(new Views.PlanStep(
                    i + 1, plan.steps().get(i).name(), plan.steps().get(i).description()));
        return new Views.PlanView(
                text, request.mode().name(), request.apps(), request.source(), request.target(), steps);
    }

    /** Starts the execution: 202 with its id and where to follow it; 409 naming who holds the lease. */
    @PostMapping(path = "/executions", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Views.Accepted> start(@RequestBody RotationForm form, Principal principal) {
        RotationRequest request = form.toRequest(scope);
        String operator = operator(principal);
        String id = operations.start(request, operator);
        log.info(
                "{} started {} of {} from {} to {}: execution {}",
                operator,
                request.mode(),
                request.apps(),
                request.source(),
                request.target(),
                id);
        return ResponseEntity.accepted()
                .location(URI.create("/api/executions/" + id))
                .body(new Views.Accepted(id, "started"));
    }

    /** Every execution, newest first, as the last sample read the audit. */
    @GetMapping(path = "/executions", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Views.ExecutionView> executions() {
        return samples.latest().executions().stream().map(Views::execution).toList();
    }

    @GetMapping(path = "/executions/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Views.ExecutionView execution(@PathVariable String id) {
        return operations
                .execution(id)
                .map(Views::execution)
                .orElseThrow(() -> new NoSuchElementException("no execution " + id));
    }

    /**
     * The execution's events as server-sent events (named by kind, the event as JSON): those so far, then each as it
     * happens; the stream ends after FINISHED.
     */
    @GetMapping(path = "/executions/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable String id) {
        SseEmitter emitter = new SseEmitter(EVENT_STREAM_TIMEOUT.toMillis());
        AtomicLong sequence = new AtomicLong();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicReference<AutoCloseable> following = new AtomicReference<>();
        Runnable stop = () -> {
            AutoCloseable handle = following.getAndSet(null);
            if (handle == null) return;
            try {
                handle.close();
            } catch (Exception e) {
                log.debug("stopping to follow execution {} failed", id, e);
            }
        };
        following.set(operations.follow(id, event -> {
            try {
                emitter.send(SseEmitter.event()
                        .id(Long.toString(sequence.incrementAndGet()))
                        .name(event.kind().name())
                        .data(Views.event(event), MediaType.APPLICATION_JSON));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the browser went away: the runbook drops this follower
            }
            if (event.kind() == ExecutionEvent.Kind.FINISHED) {
                finished.set(true);
                emitter.complete();
                stop.run();
            }
        }));
        // The events so far may have ended with FINISHED already, before the handle was there to close.
        if (finished.get()) stop.run();
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(error -> stop.run());
        return emitter;
    }

    @PostMapping(path = "/executions/{id}/resume", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Views.Accepted> resume(@PathVariable String id, Principal principal) {
        String operator = operator(principal);
        String result = operations.resume(id, operator);
        log.info("{} resumed execution {}", operator, id);
        return ResponseEntity.accepted()
                .location(URI.create("/api/executions/" + id))
                .body(new Views.Accepted(id, result));
    }

    @PostMapping(path = "/executions/{id}/abort", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Views.Accepted> abort(@PathVariable String id, Principal principal) {
        String operator = operator(principal);
        String result = operations.abort(id, operator);
        log.info("{} aborted execution {}", operator, id);
        return ResponseEntity.accepted()
                .location(URI.create("/api/executions/" + id))
                .body(new Views.Accepted(id, result));
    }

    @PostMapping(path = "/executions/{id}/confirm", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Views.Accepted> confirm(@PathVariable String id, Principal principal) {
        String operator = operator(principal);
        operations.confirm(id, operator);
        log.info("{} confirmed execution {}", operator, id);
        return ResponseEntity.accepted()
                .location(URI.create("/api/executions/" + id))
                .body(new Views.Accepted(id, "confirmed"));
    }

    /** Turns the global {@code generator} routing control On or Off. */
    @PostMapping(path = "/generator", produces = MediaType.APPLICATION_JSON_VALUE)
    Views.Generator generator(@RequestBody GeneratorForm form, Principal principal) {
        if (form == null || form.on() == null) throw new InvalidFieldException("on", "on is missing: true or false");
        controls.set(Map.of(GENERATOR, form.on()));
        log.info("{} turned the generator {}", operator(principal), form.on() ? "On" : "Off");
        return new Views.Generator(form.on());
    }

    /** One reconciliation run of an app in a region, through the runbook's reconciliation; answers with its result. */
    @PostMapping(path = "/reconciliations", produces = MediaType.APPLICATION_JSON_VALUE)
    ReconciliationResult reconcile(@RequestBody ReconciliationForm form, Principal principal) {
        if (form == null) throw new InvalidFieldException("body", "the body is missing");
        String app = scope.requireApp("app", form.app());
        String region = scope.requireRegion("region", form.region());
        Reconciliation.Result result = reconciliation.reconcile(app, region, Optional.empty(), clock.instant());
        log.info(
                "{} ran reconciliation of {} in {}: run {}, {} replayed",
                operator(principal),
                app,
                region,
                result.runId(),
                result.replayed());
        return new ReconciliationResult(
                result.runId(), app, region, Views.iso(result.windowStart()), result.journaled(), result.replayed());
    }

    static String operator(Principal principal) {
        return principal == null || principal.getName() == null ? ANONYMOUS : principal.getName();
    }
}
