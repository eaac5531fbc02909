package io.tradewind.opsconsole.api;

import io.tradewind.opsconsole.flow.FlowSample;
import io.tradewind.opsconsole.flow.FlowSamples;
import io.tradewind.opsconsole.runbook.StepKind;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the platform is doing, as the sampler last read it: every answer comes from the last sample, at once, whatever
 * region has stopped answering (it shows as unreachable, with its last numbers and since when).
 */
@RestController
@RequestMapping(path = "/api", produces = "application/json")
public class FlowController {
    private final FlowSamples samples;
    private final ConsoleScope scope;

    public FlowController(FlowSamples samples, ConsoleScope scope) {
        this.samples = samples;
        this.scope = scope;
    }

    /** Everything the dashboard shows, in one call. */
    @GetMapping("/overview")
    Views.Overview overview() {
        return Views.overview(samples.latest(), scope);
    }

    /** Each region: whether its services answer, when they last did, since when they do not. */
    @GetMapping("/regions")
    List<Views.RegionView> regions() {
        return Views.overview(samples.latest(), scope).regions();
    }

    /** Per app, its routing controls, where it is active, its database and each region's stages. */
    @GetMapping("/apps")
    List<Views.AppView> apps() {
        FlowSample sample = samples.latest();
        return scope.apps().stream().map(app -> Views.app(sample, scope, app)).toList();
    }

    /** One app's services in one region: each stage's numbers and the last minutes of its rate and lag. */
    @GetMapping("/apps/{app}/regions/{region}/stages")
    Views.ServiceView stages(@PathVariable String app, @PathVariable String region) {
        scope.requireApp("app", app);
        scope.requireRegion("region", region);
        return Views.service(samples.latest().service(app, region));
    }

    /** Replication lag: each app's global database (writer and lag) and the global tables as each region sees them. */
    @GetMapping("/replication")
    List<Views.ReplicationView> replication() {
        return Views.replication(samples.latest(), scope);
    }

    /** Messages waiting on each inbound queue, per region (read every few samples). */
    @GetMapping("/queues")
    Map<String, Map<String, Long>> queues() {
        return samples.latest().queueDepths();
    }

    @GetMapping("/participants")
    List<Views.ParticipantView> participants() {
        return samples.latest().participants().stream().map(Views::participant).toList();
    }

    /** The reconciliation runs each app's audit holds, newest first. */
    @GetMapping("/reconciliation-runs")
    List<Views.ReconciliationView> reconciliationRuns() {
        return samples.latest().reconciliations().stream()
                .map(Views::reconciliation)
                .toList();
    }

    @GetMapping("/alerts")
    List<FlowSample.Alert> alerts() {
        return samples.latest().alerts();
    }

    /** The runbook's steps and what each does, for the dashboard's plan. */
    @GetMapping("/steps")
    List<Views.PlanStep> steps() {
        return Arrays.stream(StepKind.values())
                .map(step -> new Views.PlanStep(step.ordinal() + 1, step.name(), step.description()))
                .toList();
    }
}
