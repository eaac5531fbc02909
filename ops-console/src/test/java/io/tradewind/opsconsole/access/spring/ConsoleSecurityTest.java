package io.tradewind.opsconsole.access.spring;

import static io.tradewind.opsconsole.access.spring.StubConsole.Client.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.opsconsole.access.ConsoleUsers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's rules over real HTTP, on loopback as in the sandbox (where nothing is open but the probes): who may read,
 * who may act, how a browser and an API client sign in, and what a change from a browser must carry.
 */
@SpringBootTest(
        classes = StubConsole.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "management.endpoints.web.exposure.include=health,info"})
class ConsoleSecurityTest {
    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void users(DynamicPropertyRegistry registry) {
        registry.add(ConsoleUsers.PROPERTY, StubConsole.USERS::toJson);
    }

    private StubConsole.Client client() {
        return new StubConsole.Client(port);
    }

    @Test
    void theProbesAnswerWithoutALogin() {
        assertThat(client().get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(client().get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void anAnonymousBrowserIsSentToTheLoginPageAndAnAnonymousApiCallIsUnauthorizedWithoutABasicChallenge() {
        HttpResponse<String> page = client().get("/");
        HttpResponse<String> api = client().get("/api/things");

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(api.body()).contains("sign in: HTTP Basic with a console user, or the console's /login page");
        assertThat(client().get("/login").statusCode()).isEqualTo(200);
    }

    @Test
    void aViewerReadsWithBasicAndIsRefusedAChangeSayingWhichRoleItNeeds() {
        StubConsole.Client viewer = client();

        HttpResponse<String> read = viewer.get("/api/things", basic("sre-viewer", StubConsole.VIEWER_PASSWORD));
        HttpResponse<String> act = viewer.post("/api/things", basic("sre-viewer", StubConsole.VIEWER_PASSWORD));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).isEqualTo("things for sre-viewer");
        assertThat(act.statusCode()).isEqualTo(403);
        assertThat(act.body()).contains("console user sre-viewer has roles [VIEWER]; POST /api/things needs OPERATOR");
    }

    @Test
    void anOperatorActsWithBasicWithoutACsrfTokenOrASession() {
        StubConsole.Client operator = client();

        HttpResponse<String> act = operator.post("/api/things", basic("sre-operator", StubConsole.OPERATOR_PASSWORD));

        assertThat(act.statusCode()).isEqualTo(200);
        assertThat(act.body()).isEqualTo("done by sre-operator");
        assertThat(operator.cookie("JSESSIONID")).isNull();
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIsUnauthorized() {
        assertThat(client().get("/api/things", basic("sre-operator", "guess")).statusCode())
                .isEqualTo(401);
        assertThat(client().get("/api/things", basic("mallory", StubConsole.OPERATOR_PASSWORD))
                        .statusCode())
                .isEqualTo(401);
        assertThat(client().get("/", basic("sre-operator", "guess")).body()).contains("wrong user or password");
    }

    @Test
    void aBrowserSignsInByTheFormAndEachChangeCarriesTheTokenOfItsCookie() {
        StubConsole.Client browser = client();

        HttpResponse<String> signedIn = browser.signIn("sre-operator", StubConsole.OPERATOR_PASSWORD);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).doesNotContain("error"));
        assertThat(browser.get("/").body()).isEqualTo("dashboard of sre-operator");
        assertThat(browser.get("/api/things").body()).isEqualTo("things for sre-operator");

        HttpResponse<String> withoutToken = browser.post("/api/things");
        String token = browser.cookie(ConsoleSecurity.CSRF_COOKIE);
        HttpResponse<String> withToken = browser.post("/api/things", ConsoleSecurity.CSRF_HEADER, token);
        HttpResponse<String> withAnotherToken = browser.post("/api/things", ConsoleSecurity.CSRF_HEADER, "forged");

        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withoutToken.body())
                .contains("this change needs the CSRF token: send cookie XSRF-TOKEN's value as header X-XSRF-TOKEN");
        assertThat(token).isNotBlank();
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).isEqualTo("done by sre-operator");
        assertThat(withAnotherToken.statusCode()).isEqualTo(403);
    }

    @Test
    void aViewerSignedInByTheFormReadsAndIsRefusedAChangeEvenWithTheToken() {
        StubConsole.Client browser = client();
        browser.signIn("sre-viewer", StubConsole.VIEWER_PASSWORD);
        browser.get("/");

        HttpResponse<String> act =
                browser.post("/api/things", ConsoleSecurity.CSRF_HEADER, browser.cookie(ConsoleSecurity.CSRF_COOKIE));

        assertThat(browser.get("/api/things").body()).isEqualTo("things for sre-viewer");
        assertThat(act.statusCode()).isEqualTo(403);
        assertThat(act.body()).contains("console user sre-viewer has roles [VIEWER]; POST /api/things needs OPERATOR");
    }

    @Test
    void aWrongPasswordInTheFormGoesBackToTheLoginPage() {
        HttpResponse<String> refused = client().signIn("sre-operator", "guess");

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
    }

    @Test
    void theActuatorBeyondTheProbesIsForOperators() {
        assertThat(client().get("/actuator/info", basic("sre-viewer", StubConsole.VIEWER_PASSWORD))
                        .statusCode())
                .isEqualTo(403);
        assertThat(client().get("/actuator/info", basic("sre-operator", StubConsole.OPERATOR_PASSWORD))
                        .statusCode())
                .isEqualTo(200);
        assertThat(client().get("/actuator/info").statusCode())
                .as("a browser is sent to sign in")
                .isEqualTo(302);
    }
}
