package io.tradewind.sandbox.stop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.localaws.SandboxCredentials;
import io.tradewind.opsconsole.access.CommandLineSignIn;
import io.tradewind.sandbox.DemoConsoleUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Ctrl-C in the worst state we know, as a user meets it: a running sandbox (its own process) with the generator on, a
 * rotation from us-east-1 to us-west-2 in flight (started from the ops console's API, as the dashboard does) and the
 * source region's PostgreSQL gone under it. SIGTERM must stop it within the 10 s issue 21 asks, services before
 * emulators, leaving no emulator process behind. Before the ordered shutdown this took about 70 s: the embedded
 * PostgreSQL's own shutdown hook stopped the databases while the services, stopped one by one, retried against them.
 *
 * <p>The README's own sandbox ends this way ({@code ReadmeCommandsIT}): it is the one sandbox the suite runs as a
 * process of its own, and no test goes on with it afterwards.
 */
public final class StopMidRotation {
    private static final String SOURCE = LocalAwsConfig.PRIMARY_REGION;
    private static final String TARGET = LocalAwsConfig.SECONDARY_REGION;
    /**
     * What the issue asks. The sandbox's own steps are bounded at {@code Sandbox.STOP_BOUND} (8.5 s) in all; the 1.5 s
     * left is the margin for the JVM's own exit and for a busy two-core machine.
     */
    public static final Duration STOPS_WITHIN = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI console;
    private final String authorization;

    private StopMidRotation(URI console, String authorization) {
        this.console = console;
        this.authorization = authorization;
    }

    /**
     * Brings the started {@code sandbox} (working in {@code workDir}, both apps in us-east-1) to the worst state, sends
     * SIGTERM and checks how it stopped.
     *
     * @return how long it took to exit
     */
    public static Duration assertStops(ChildCommand sandbox, Path workDir) throws Exception {
        StopMidRotation stop = new StopMidRotation(consoleUrl(sandbox.output()), operatorLogin(workDir));
        stop.post("api/generator", Map.of("on", true), 200);
        String execution = stop.startRotation();
        // In flight: the source's inbound is Off and the execution goes on (draining, or further).
        Awaitility.await("rotation " + execution + " past its first change")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> stop.doneSteps(execution).contains("INBOUND_OFF_SOURCE"));
        JsonNode inFlight = stop.execution(execution);
        assertThat(inFlight.path("outcome").asText()).as("%s", inFlight).isEqualTo("RUNNING");

        List<ProcessHandle> emulators = new ArrayList<>(sandbox.descendants());
        assertThat(emulators).as("kinesalite and dynalite of each region").hasSize(4);
        for (String region : List.of(SOURCE, TARGET))
            emulators.addAll(ChildCommand.postgres(workDir.resolve(region).resolve("postgres")));
        // A dependency down: the source region's database dies under its services and the rotation.
        List<ProcessHandle> sourceDatabase =
                ChildCommand.postgres(workDir.resolve(SOURCE).resolve("postgres"));
        assertThat(sourceDatabase).isNotEmpty();
        ProcessHandle postmaster = sourceDatabase.get(0);
        postmaster.destroyForcibly();
        Awaitility.await("us-east-1's PostgreSQL gone")
                .atMost(Duration.ofSeconds(10))
                .until(() -> !postmaster.isAlive());
        // The services notice: their stages retry against it, and the sandbox goes on running.
        sandbox.assertKeepsRunningFor(Duration.ofSeconds(2), "its source region's database is down");

        Duration stopped = sandbox.assertStopsInOrderWithin(STOPS_WITHIN, "the sandbox", emulators);
        System.out.println("sandbox stopped " + stopped.toMillis() + " ms after SIGTERM");
        return stopped;
    }

    private static URI consoleUrl(String output) {
        Matcher url =
                Pattern.compile("ops console {2}(http://127\\.0\\.0\\.1:\\d+/)").matcher(output);
        assertThat(url.find()).as("the console's URL in the banner").isTrue();
        return URI.create(url.group(1));
    }

    /** HTTP Basic as the sandbox's operator, from the logins file the sandbox wrote. */
    private static String operatorLogin(Path workDir) {
        Map<String, String> logins = SandboxCredentials.read(workDir.resolve(CommandLineSignIn.SANDBOX_LOGINS_FILE));
        String login = DemoConsoleUsers.OPERATOR + ":" + logins.get(DemoConsoleUsers.OPERATOR);
        return "Basic " + java.util.Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
    }

    private String startRotation() throws Exception {
        JsonNode accepted = post(
                "api/executions",
                Map.of(
                        "mode",
                        "ROTATE",
                        "apps",
                        List.of("trade-matching", "settlement-matching"),
                        "source",
                        SOURCE,
                        "target",
                        TARGET),
                202);
        return accepted.path("executionId").asText();
    }

    private JsonNode post(String path, Map<String, Object> form, int status) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(console.resolve(path))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(form)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    private JsonNode execution(String id) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(console.resolve("api/executions/" + id))
                        .header("Authorization", authorization)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The steps the execution finished. */
    private List<String> doneSteps(String id) throws Exception {
        List<String> steps = new ArrayList<>();
        for (JsonNode step : execution(id).path("steps"))
            steps.add(step.path("step").asText());
        return steps;
    }
}
