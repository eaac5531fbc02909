package io.tradewind.opsconsole.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.tradewind.opsconsole.runbook.ExecutionEvent;
import io.tradewind.opsconsole.runbook.Reconciliation;
import io.tradewind.opsconsole.runbook.RotationLease;
import io.tradewind.opsconsole.runbook.RoutingControls;
import io.tradewind.opsconsole.runbook.StepKind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class RunbookControllerTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String ROTATE_BOTH =
            """
            {"mode":"ROTATE","apps":["trade-matching","settlement-matching"],"source":"us-east-1","target":"us-west-2"}
            """;

    private final FakeRunbookOperations operations = new FakeRunbookOperations();
    private final Map<String, Boolean> controlsSet = new LinkedHashMap<>();
    private final List<String> reconciled = new ArrayList<>();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new RunbookController(
                    operations,
                    new RoutingControls() {
                        @Override
                        public boolean isOn(String controlName) {
                            return false;
                        }

                        @Override
                        public void set(Map<String, Boolean> states) {
                            controlsSet.putAll(states);
                        }
                    },
                    new Reconciliation() {
                        @Override
                        public Result reconcile(String app, String region, Optional<Instant> since, Instant until) {
                            reconciled.add(app + "@" + region + " until " + until);
                            return new Result("run-7", until.minusSeconds(86400), 12, List.of("BRK001|T1"));
                        }

                        @Override
                        public List<String> outstanding(String app, String region, Collection<String> keys) {
                            return List.of();
                        }
                    },
                    Samples::twoRegionsTheSecondUnreachable,
                    Samples.SCOPE,
                    Clock.fixed(NOW, ZoneOffset.UTC)))
            .setControllerAdvice(new ApiProblems())
            .build();

    @Test
    void startsARotationInTheNameOfTheSignedInUserAndAnswers202WithWhereToFollowIt() throws Exception {
        mvc.perform(post("/api/executions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ROTATE_BOTH)
                        .principal(() -> "alice"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/executions/e-1"))
                .andExpect(jsonPath("$.executionId").value("e-1"));

        assertThat(operations.calls)
                .containsExactly("start ROTATE [trade-matching, settlement-matching] us-east-1->us-west-2 by alice");
    }

    @Test
    void actsAsAnonymousWhenNoOneIsSignedIn() throws Exception {
        mvc.perform(post("/api/executions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ROTATE_BOTH))
                .andExpect(status().isAccepted());

        assertThat(operations.calls).singleElement().asString().endsWith("by anonymous");
    }

    @Test
    void refusesASecondRotationWith409NamingWhoHoldsTheLease() throws Exception {
        operations.heldBy = new RotationLease.Lease("e-0", "bob", NOW.plusSeconds(60));

        mvc.perform(post("/api/executions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ROTATE_BOTH))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.holder").value("bob"))
                .andExpect(jsonPath("$.executionId").value("e-0"))
                .andExpect(jsonPath("$.expiresAt").value("2026-12-07T10:01:00Z"))
                .andExpect(jsonPath("$.detail", containsString("by bob")));
    }

    @Test
    void refusesBadInputWith400NamingTheField() throws Exception {
        expectRefused(
                "{\"mode\":\"SIDEWAYS\",\"apps\":[\"trade-matching\"],\"source\":\"us-east-1\","
                        + "\"target\":\"us-west-2\"}",
                "mode");
        expectRefused("{\"mode\":\"ROTATE\",\"apps\":[],\"source\":\"us-east-1\",\"target\":\"us-west-2\"}", "apps");
        expectRefused(
                "{\"mode\":\"ROTATE\",\"apps\":[\"billing\"],\"source\":\"us-east-1\",\"target\":\"us-west-2\"}",
                "apps");
        expectRefused(
                "{\"mode\":\"ROTATE\",\"apps\":[\"trade-matching\"],\"source\":\"eu-west-1\","
                        + "\"target\":\"us-west-2\"}",
                "source");
        expectRefused(
                "{\"mode\":\"ROTATE\",\"apps\":[\"trade-matching\"],\"source\":\"us-east-1\","
                        + "\"target\":\"us-east-1\"}",
                "target");
        expectRefused("not json", "body");
        assertThat(operations.calls).isEmpty();
    }

    private void expectRefused(String body, String field) throws Exception {
        mvc.perform(post("/api/executions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value(field))
                .andExpect(jsonPath("$.status").value(400));
    }

    @Test
    void aDryRunAnswersThePlanTextAndItsStepsAndStartsNothing() throws Exception {
        mvc.perform(post("/api/plans").contentType(MediaType.APPLICATION_JSON).content(ROTATE_BOTH))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.plan", containsString("dry run: nothing is changed")))
                .andExpect(jsonPath("$.steps[0].step").value("PRE_FLIGHT"))
                .andExpect(jsonPath("$.steps[2].step").value("DRAIN"))
                .andExpect(jsonPath("$.steps.length()").value(9))
                .andExpect(jsonPath("$.target").value("us-west-2"));

        assertThat(operations.calls).singleElement().asString().startsWith("dryRun");
    }

    @Test
    void streamsTheEventsSoFarAsServerSentEventsNamedByKindAndEndsAfterFinished() throws Exception {
        operations.events.put(
                "e-1",
                List.of(
                        new ExecutionEvent("e-1", ExecutionEvent.Kind.STARTED, null, NOW, "rotate ..."),
                        new ExecutionEvent(
                                "e-1", ExecutionEvent.Kind.STEP_STARTED, StepKind.PRE_FLIGHT, NOW, "PRE_FLIGHT ..."),
                        new ExecutionEvent(
                                "e-1", ExecutionEvent.Kind.STEP_DONE, StepKind.PRE_FLIGHT, NOW, "PRE_FLIGHT done"),
                        new ExecutionEvent("e-1", ExecutionEvent.Kind.FINISHED, null, NOW, "SUCCEEDED: done")));

        MvcResult result = mvc.perform(get("/api/executions/e-1/events").accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(request().asyncStarted())
                .andReturn();
        result.getAsyncResult(5_000);

        String stream = result.getResponse().getContentAsString();
        assertThat(stream)
                .containsSubsequence(
                        "event:STARTED",
                        "event:STEP_STARTED",
                        "\"step\":\"PRE_FLIGHT\"",
                        "event:STEP_DONE",
                        "event:FINISHED",
                        "\"text\":\"SUCCEEDED: done\"");
        assertThat(result.getResponse().getContentType()).startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
        assertThat(operations.calls).as("stops following once the stream ended").contains("unfollow e-1");
    }

    @Test
    void anUnknownExecutionIs404() throws Exception {
        mvc.perform(get("/api/executions/nope/events")).andExpect(status().isNotFound());
        mvc.perform(get("/api/executions/nope")).andExpect(status().isNotFound());
    }

    @Test
    void resumesAbortsAndConfirmsAsTheSignedInUserAndSaysWhyWhenRefused() throws Exception {
        mvc.perform(post("/api/executions/e-9/resume").principal(() -> "carol"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/executions/e-9"));
        mvc.perform(post("/api/executions/e-9/abort").principal(() -> "carol")).andExpect(status().isAccepted());
        mvc.perform(post("/api/executions/e-9/confirm").principal(() -> "carol"))
                .andExpect(status().isAccepted());
        assertThat(operations.calls)
                .containsExactly("resume e-9 by carol", "abort e-9 by carol", "confirm e-9 by carol");

        operations.refuseActions = new IllegalStateException("e-9 moved the database: resume it or rotate back");
        mvc.perform(post("/api/executions/e-9/abort"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail", containsString("rotate back")));
    }

    @Test
    void turnsTheGeneratorControlOnAndOff() throws Exception {
        mvc.perform(post("/api/generator")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"on\":true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.on").value(true));
        assertThat(controlsSet).containsExactly(Map.entry("generator", true));

        mvc.perform(post("/api/generator")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("on"));
    }

    @Test
    void runsOneReconciliationInTheRegionAskedAndAnswersItsResult() throws Exception {
        mvc.perform(post("/api/reconciliations")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"app\":\"trade-matching\",\"region\":\"us-west-2\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.runId").value("run-7"))
                .andExpect(jsonPath("$.journaled").value(12))
                .andExpect(jsonPath("$.replayed").value(1));
        assertThat(reconciled).containsExactly("trade-matching@us-west-2 until " + NOW);

        mvc.perform(post("/api/reconciliations")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"app\":\"trade-matching\",\"region\":\"mars-1\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("region"));
    }
}
