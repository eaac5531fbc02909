package io.tradewind.sandbox.stop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.opsconsole.access.CommandLineSignIn;
import io.tradewind.sandbox.DemoConsoleUsers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in the worst state we know, as a user meets it: the sandbox run as its own JVM with the generator on, a
 * rotation in flight (started from the ops console's API, as the dashboard does) and the source region's PostgreSQL
 * gone under it. SIGTERM stops it within the 10 s the issue asks, and leaves no emulator process behind. Before the
 * ordered shutdown this took about 70 s: the embedded PostgreSQL's own shutdown hook stopped the databases while the
 * services, stopped one by one, retried against them.
 *
 * <p>Its own sandbox, not the shared one: it ends in a state (and a JVM) no other test could go on with.
 */
class SandboxStopIT {
    private static final String SOURCE = LocalAwsConfig.PRIMARY_REGION;
    private static final String TARGET = LocalAwsConfig.SECONDARY_REGION;
    /**
     * What the issue asks. The sandbox's own steps are bounded at {@code Sandbox.STOP_BOUND} (8.5 s) in all; the 1.5 s
     * left is the margin for the JVM's own exit and for a busy two-core machine.
     */
    private static final Duration STOPS_WITHIN = Duration.ofSeconds(10);

    private static final Duration START = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void sigtermStopsASandboxMidRotationWithADatabaseDownWithinTenSecondsLeavingNoEmulatorRunning() throws Exception {
        Path workDir = dir.resolve("work");
        try (ChildCommand sandbox = ChildCommand.jar(
                dir.resolve("sandbox.out"), "--ephemeral-ports", "--work-dir", workDir.toString(), "--generator-on")) {
            sandbox.awaitOutput("press Ctrl-C to stop", START);
            URI console = consoleUrl(sandbox.output());
            String authorization = operatorLogin(workDir);

            String execution = startRotation(console, authorization);
            // In flight: the source's inbound is Off and the execution goes on (draining, or further).
            Awaitility.await("rotation " + execution + " past its first change")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> doneSteps(console, authorization, execution).contains("INBOUND_OFF_SOURCE"));
            JsonNode inFlight = execution(console, authorization, execution);
            assertThat(inFlight.path("outcome").asText()).as("%s", inFlight).isEqualTo("RUNNING");

            List<ProcessHandle> emulators = new ArrayList<>(sandbox.descendants());
            assertThat(emulators).as("kinesalite and dynalite of each region").hasSize(4);
            for (String region : List.of(SOURCE, TARGET))
                emulators.addAll(ChildCommand.postgres(workDir.resolve(region).resolve("postgres")));
            // A dependency down: the source region's database dies under its services and the rotation.
            List<ProcessHandle> sourceDatabase =
                    ChildCommand.postgres(workDir.resolve(SOURCE).resolve("postgres"));
            assertThat(sourceDatabase).isNotEmpty();
            sourceDatabase.get(0).destroyForcibly();
            Thread.sleep(2_000); // the services notice: their stages retry against it

            Duration stopped = sandbox.assertStopsInOrderWithin(STOPS_WITHIN, "the sandbox", emulators);
            System.out.println("sandbox stopped " + stopped.toMillis() + " ms after SIGTERM");
        }
    }

    private static URI consoleUrl(String output) {
        Matcher url =
                Pattern.compile("ops console {2}(http://127\\.0\\.0\\.1:\\d+/)").matcher(output);
        assertThat(url.find()).as("the console's URL in the banner").isTrue();
        return URI.create(url.group(1));
    }

    /** HTTP Basic as the sandbox's operator, from the logins file the sandbox wrote. */
    private static String operatorLogin(Path workDir) throws IOException {
        Properties logins = new Properties();
        try (var in = Files.newBufferedReader(workDir.resolve(CommandLineSignIn.SANDBOX_LOGINS_FILE))) {
            logins.load(in);
        }
        String login = DemoConsoleUsers.OPERATOR + ":" + logins.getProperty(DemoConsoleUsers.OPERATOR);
        return "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
    }

    private String startRotation(URI console, String authorization) throws Exception {
        String form = JSON.writeValueAsString(java.util.Map.of(
                "mode",
                "ROTATE",
                "apps",
                List.of("trade-matching", "settlement-matching"),
                "source",
                SOURCE,
                "target",
                TARGET));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(console.resolve("api/executions"))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("executionId").asText();
    }

    private JsonNode execution(URI console, String authorization, String id) throws Exception {
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
    private List<String> doneSteps(URI console, String authorization, String id) throws Exception {
        List<String> steps = new ArrayList<>();
        for (JsonNode step : execution(console, authorization, id).path("steps"))
            steps.add(step.path("step").asText());
        return steps;
    }
}
