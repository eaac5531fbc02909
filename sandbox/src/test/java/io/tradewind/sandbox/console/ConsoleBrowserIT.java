package io.tradewind.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.localaws.LocalAwsConfig;
import io.tradewind.model.topology.App;
import io.tradewind.sandbox.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard as an SRE uses it, in headless Chromium against the running sandbox: where each app runs and its
 * numbers moving while the generator posts, a dry run, a rotation of both apps confirmed by typing the target's name
 * with every step turning green as it happens, a second rotation refused meanwhile naming who holds the lease, and
 * the execution in the audit history with its operator. It leaves both apps in us-west-2 for {@code
 * RotationKillAndResumeIT}, which rotates them back ({@link ConsoleSandbox#ROTATES_AWAY}).
 */
@ExtendWith(ConsoleSandbox.class)
@Order(ConsoleSandbox.ROTATES_AWAY)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final String EAST = LocalAwsConfig.PRIMARY_REGION;
    private static final String WEST = LocalAwsConfig.SECONDARY_REGION;
    /** The demo operator the sandbox creates once the console authenticates its users. */
    private static final String OPERATOR = "sre-operator";
    /** Upper bounds on waits for what the platform does, never assertions on how long it took. */
    private static final Duration LIVE = Duration.ofMinutes(2);

    private static final Duration ROTATION = Duration.ofMinutes(6);

    private static Sandbox sandbox;
    private static ConsoleBrowser browser;
    private static Optional<String> password;
    /** Who the page acts as: the signed-in operator, or anonymous while the console signs no one in. */
    private static String operator;

    private static String rotation;
    private static final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @BeforeAll
    static void openTheDashboard() {
        sandbox = ConsoleSandbox.get();
        password = ConsoleSandbox.consoleLogin(OPERATOR);
        operator = password.isPresent() ? OPERATOR : "anonymous";
        browser = new ConsoleBrowser();
        browser.open(sandbox.consoleUrl(), OPERATOR, password.orElse(null));
    }

    @AfterAll
    static void closeTheBrowser() throws IOException {
        if (sandbox != null) sandbox.switchGenerator(false);
        if (browser != null) browser.close();
    }

    @Test
    @Order(0)
    void servesTheOpenApiDocumentItsUiAndTheProbes() throws Exception {
        HttpResponse<String> document = get("/v3/api-docs");
        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body())
                .contains("\"/api/executions\"")
                .contains("\"/api/executions/{id}/events\"")
                .contains("\"/api/overview\"");
        HttpResponse<String> ui = get("/swagger-ui.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(1)
    void showsWhereEachAppRunsAndItsNumbersMoveWhileTheGeneratorPosts() {
        browser.waitUpTo(LIVE).until(d -> App.ids().stream()
                .allMatch(app -> browser.text("active-region-" + app).equals(EAST)));
        // Each region's services answer within a sample or two of the page asking (the console samples slowly while
        // no one watches).
        for (String region : List.of(EAST, WEST))
            browser.waitUpTo(LIVE).until(d -> "true"
                    .equals(browser.byTestId("region-" + region).getDomAttribute("data-reachable")));
        assertThat(browser.attribute("control-trade-matching-inbound-" + WEST, "data-on"))
                .isEqualTo("false");

        browser.byTestId("generator-on").click();
        browser.waitUpTo(LIVE).until(d -> browser.text("generator-state").equals("On"));
        String gateway = "records-in-trade-matching-" + EAST + "-inbound-gateway";
        browser.waitUpTo(LIVE).until(d -> number(gateway) > 0);
        long seen = number(gateway);
        browser.waitUpTo(LIVE).until(d -> number(gateway) > seen);
        String settlement = "records-in-settlement-matching-" + EAST + "-inbound-gateway";
        browser.waitUpTo(LIVE).until(d -> number(settlement) > 0);
        browser.waitUpTo(LIVE).until(d -> !browser.text("rate-trade-matching-" + EAST + "-ingestion")
                .startsWith("0 "));
        browser.waitUpTo(LIVE).until(d -> !browser.text("rate-trade-matching-" + WEST + "-ingestion")
                .isEmpty());
        assertThat(browser.text("rate-trade-matching-" + WEST + "-ingestion"))
                .as("the standby region takes nothing in")
                .isEqualTo("0 /s");
        browser.screenshot("01-live-flow");
    }

    @Test
    @Order(2)
    void aDryRunShowsThePlanAndChangesNothing() {
        choose(EAST, WEST);
        browser.byTestId("dry-run").click();
        browser.waitUpTo(LIVE).until(d -> browser.text("plan").contains("dry run: nothing is changed"));
        assertThat(browser.text("plan"))
                .contains("set trade-matching-inbound-" + EAST + " Off")
                .contains("set settlement-matching-processing-" + WEST + " On");
        assertThat(browser.driver.findElements(By.cssSelector("[data-testid^='plan-step-']")))
                .extracting(element -> element.getDomAttribute("data-testid"))
                .startsWith("plan-step-PRE_FLIGHT", "plan-step-INBOUND_OFF_SOURCE", "plan-step-DRAIN");
        assertThat(browser.text("active-region-trade-matching")).isEqualTo(EAST);
        browser.screenshot("02-dry-run");
    }

    @Test
    @Order(3)
    void rotatesBothAppsOnceTheTargetIsTypedWithEveryStepTurningGreenAndRefusesASecondRotationMeanwhile()
            throws Exception {
        browser.byTestId("execute").click();
        WebElement go = browser.byTestId("confirm-execute");
        assertThat(browser.text("confirm-summary"))
                .contains("Rotate")
                .contains(EAST)
                .contains(WEST);
        browser.byTestId("confirm-target-input").sendKeys(EAST);
        assertThat(go.isEnabled()).as("the source's name does not confirm").isFalse();
        browser.byTestId("confirm-target-input").clear();
        browser.byTestId("confirm-target-input").sendKeys(WEST);
        assertThat(go.isEnabled()).isTrue();
        // The panel may show an earlier execution of the audit (another test's): wait for this one's id.
        String shownBefore = browser.text("execution-id");
        go.click();

        browser.waitUpTo(LIVE)
                .until(d -> !browser.text("execution-id").isEmpty()
                        && !browser.text("execution-id").equals(shownBefore));
        rotation = browser.text("execution-id");
        browser.waitUpTo(LIVE).until(d -> List.of("RUNNING", "DONE")
                .contains(browser.attribute("execution-step-PRE_FLIGHT", "data-outcome")));

        // A second rotation while the first runs: refused through the API, naming who holds the lease...
        HttpResponse<String> refused = post(
                "/api/executions",
                "{\"mode\":\"ROTATE\",\"apps\":[\"trade-matching\"],\"source\":\"" + EAST + "\",\"target\":\"" + WEST
                        + "\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("\"holder\":\"" + operator + "\"").contains(rotation);
        // ...and on the page.
        browser.byTestId("execute").click();
        browser.byTestId("confirm-target-input").sendKeys(WEST);
        browser.byTestId("confirm-execute").click();
        browser.waitUpTo(LIVE).until(d -> browser.text("runbook-error").contains("another rotation is running"));
        assertThat(browser.text("runbook-error")).contains(operator).contains(rotation);
        browser.byTestId("confirm-cancel").click();
        browser.screenshotDownTo("03-mid-rotation", "execution-panel");

        awaitFinished();
        assertThat(browser.text("execution-outcome"))
                .as(browser.text("execution-log"))
                .isEqualTo("SUCCEEDED");
        List<WebElement> steps = browser.driver.findElements(By.cssSelector("[data-testid^='execution-step-']"));
        assertThat(steps).hasSize(9);
        assertThat(steps).allSatisfy(step -> assertThat(step.getDomAttribute("data-outcome"))
                .as(step.getText())
                .isEqualTo("DONE"));
        browser.waitUpTo(LIVE).until(d -> App.ids().stream()
                .allMatch(app -> browser.text("active-region-" + app).equals(WEST)));
        browser.wholePageScreenshot("04-rotated");
    }

    @Test
    @Order(4)
    void findsTheExecutionInTheAuditHistoryWithItsOperator() throws Exception {
        // The history is the audit as the console last read it: the row turns SUCCEEDED within a sample or two.
        String row = "[data-testid='history-row-" + rotation + "'][data-outcome='SUCCEEDED']";
        browser.waitUpTo(LIVE).until(d -> d.findElements(By.cssSelector(row)).size() == 1);
        assertThat(browser.text("history-operator-" + rotation)).isEqualTo(operator);
        HttpResponse<String> execution = get("/api/executions/" + rotation);
        assertThat(execution.statusCode()).isEqualTo(200);
        assertThat(execution.body())
                .contains("\"operator\":\"" + operator + "\"")
                .contains("\"outcome\":\"SUCCEEDED\"")
                .contains("\"rtoToProcessingMillis\"");
    }

    @Test
    @Order(5)
    void turnsTheGeneratorOff() {
        browser.byTestId("generator-off").click();
        browser.waitUpTo(LIVE).until(d -> browser.text("generator-state").equals("Off"));
        browser.screenshot("05-generator-off");
    }

    private static void awaitFinished() {
        browser.waitUpTo(ROTATION).until(d -> {
            String outcome = browser.text("execution-outcome");
            return !outcome.isEmpty() && !outcome.equals("RUNNING");
        });
    }

    private static void choose(String source, String target) {
        new Select(browser.byTestId("runbook-source")).selectByValue(source);
        new Select(browser.byTestId("runbook-target")).selectByValue(target);
    }

    private static long number(String testId) {
        String text = browser.text(testId);
        return text.isEmpty() ? -1 : Long.parseLong(text);
    }

    private static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(
                request(path)
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An API client's request: HTTP Basic as the operator once the console authenticates its users. */
    private static HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(sandbox.consoleUrl().toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(30));
        password.ifPresent(secret -> request.header(
                "Authorization",
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString((OPERATOR + ":" + secret).getBytes(StandardCharsets.UTF_8))));
        return request;
    }
}
