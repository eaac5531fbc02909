package io.tradewind.opsconsole.access.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.opsconsole.access.ConsoleUsers;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Behind an OIDC proxy: the user is the one the proxy's header names, with the roles the mappings give, believed only
 * when the request's TCP peer is one of the proxy's addresses. Here every request comes from 127.0.0.1: trusted in the
 * first console, not in the second.
 */
class ConsoleProxySecurityTest {
    private static final String USER = "x-amzn-oidc-identity";
    private static final String GROUPS = "X-Forwarded-Groups";

    @Nested
    @SpringBootTest(
            classes = StubConsole.class,
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "server.address=127.0.0.1",
                "tradewind.console.auth.mode=proxy",
                "tradewind.console.auth.proxy.trusted-addresses=10.0.0.0/16,127.0.0.1/32",
                "tradewind.console.auth.proxy.groups-header=" + GROUPS,
                "tradewind.console.auth.proxy.role-users.OPERATOR=1234-abcd",
                "tradewind.console.auth.proxy.role-groups.VIEWER=sre,auditors"
            })
    class FromTheTrustedProxy {
        @LocalServerPort
        int port;

        @DynamicPropertySource
        static void users(DynamicPropertyRegistry registry) {
            registry.add(ConsoleUsers.PROPERTY, StubConsole.USERS::toJson);
        }

        @Test
        void takesTheUserAndTheRolesTheProxyVouchesFor() {
            StubConsole.Client browser = new StubConsole.Client(port);

            HttpResponse<String> read = browser.get("/api/things", USER, "1234-abcd");
            HttpResponse<String> act = browser.post(
                    "/api/things",
                    USER,
                    "1234-abcd",
                    ConsoleSecurity.CSRF_HEADER,
                    browser.cookie(ConsoleSecurity.CSRF_COOKIE));

            assertThat(read.body()).isEqualTo("things for 1234-abcd");
            assertThat(act.statusCode()).isEqualTo(200);
            assertThat(act.body()).isEqualTo("done by 1234-abcd");
            assertThat(browser.post("/api/things", USER, "1234-abcd").statusCode())
                    .as("a change without the CSRF token: the proxy's session cookie goes cross-site too")
                    .isEqualTo(403);
        }

        @Test
        void aViewerByGroupReadsAndIsRefusedAChangeAndAUserOfNoRoleIsRefusedEverything() {
            StubConsole.Client browser = new StubConsole.Client(port);
            browser.get("/", USER, "5678-efgh", GROUPS, "devs, sre");

            HttpResponse<String> act = browser.post(
                    "/api/things",
                    USER,
                    "5678-efgh",
                    GROUPS,
                    "devs, sre",
                    ConsoleSecurity.CSRF_HEADER,
                    browser.cookie(ConsoleSecurity.CSRF_COOKIE));

            assertThat(browser.get("/api/things", USER, "5678-efgh", GROUPS, "sre")
                            .body())
                    .isEqualTo("things for 5678-efgh");
            assertThat(act.statusCode()).isEqualTo(403);
            assertThat(act.body())
                    .contains("console user 5678-efgh has roles [VIEWER]; POST /api/things needs OPERATOR");
            HttpResponse<String> nobody = browser.get("/api/things", USER, "9999", GROUPS, "devs");
            assertThat(nobody.statusCode()).isEqualTo(403);
            assertThat(nobody.body()).contains("console user 9999 has roles []");
        }

        @Test
        void withoutTheHeaderARequestIsUnauthorizedAndNotSentToAFormThatIsNotThere() {
            HttpResponse<String> page = new StubConsole.Client(port).get("/");

            assertThat(page.statusCode()).isEqualTo(401);
        }
    }

    @Nested
    @SpringBootTest(
            classes = StubConsole.class,
            webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {
                "server.address=127.0.0.1",
                "tradewind.console.auth.mode=proxy",
                "tradewind.console.auth.proxy.trusted-addresses=10.0.0.0/16",
                "tradewind.console.auth.proxy.role-users.OPERATOR=1234-abcd"
            })
    class FromAnAddressThatIsNotTheProxys {
        @LocalServerPort
        int port;

        @DynamicPropertySource
        static void users(DynamicPropertyRegistry registry) {
            registry.add(ConsoleUsers.PROPERTY, StubConsole.USERS::toJson);
        }

        @Test
        void believesNoHeaderButStillTakesAConsoleUsersBasicLogin() {
            StubConsole.Client client = new StubConsole.Client(port);

            assertThat(client.get("/api/things", USER, "1234-abcd").statusCode())
                    .isEqualTo(401);
            assertThat(client.post("/api/things", USER, "1234-abcd").statusCode())
                    .isIn(401, 403);
            assertThat(client.get("/api/things", StubConsole.Client.basic("sre-viewer", StubConsole.VIEWER_PASSWORD))
                            .body())
                    .isEqualTo("things for sre-viewer");
        }
    }
}
