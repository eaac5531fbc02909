package io.tradewind.opsconsole.access.spring;

import io.tradewind.opsconsole.access.ConsoleRole;
import io.tradewind.opsconsole.access.ConsoleUsers;
import io.tradewind.platform.app.spring.HealthProbes;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's security chain in front of a stub of its API and dashboard, as slice B's controllers take the user:
 * from the {@link Principal}. Tests reach it over real HTTP, with a browser's cookies or an API client's Basic login.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ConsoleSecurity.class, HealthProbes.class, StubConsole.Api.class})
@PropertySource("classpath:io/tradewind/opsconsole/ops-console-defaults.properties")
class StubConsole {
    static final String OPERATOR_PASSWORD = "operator-pass";
    static final String VIEWER_PASSWORD = "viewer-pass";
    static final ConsoleUsers USERS = ConsoleUsers.of(List.of(
            ConsoleUsers.withPassword("sre-operator", Set.of(ConsoleRole.OPERATOR), OPERATOR_PASSWORD),
            ConsoleUsers.withPassword("sre-viewer", Set.of(ConsoleRole.VIEWER), VIEWER_PASSWORD)));

    @RestController
    static class Api {
        @GetMapping("/api/things")
        String list(Principal user) {
            return "things for " + user.getName();
        }

        @PostMapping("/api/things")
        String act(Principal user) {
            return "done by " + user.getName();
        }

        @GetMapping("/")
        String dashboard(Principal user) {
            return "dashboard of " + user.getName();
        }
    }

    /** One HTTP client with its own cookies, redirects not followed: a browser's tab, or a script. */
    static final class Client {
        final CookieManager cookies = new CookieManager();
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        private final int port;

        Client(int port) {
            this.port = port;
        }

        HttpResponse<String> get(String path, String... headers) {
            return send(request(path, headers).GET().build());
        }

        HttpResponse<String> post(String path, String... headers) {
            return send(request(path, headers)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build());
        }

        HttpResponse<String> postForm(String path, String form) {
            return send(request(path, "Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build());
        }

        /** The value of a cookie the console set, or null. */
        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals(name))
                    .map(HttpCookie::getValue)
                    .findFirst()
                    .orElse(null);
        }

        /** Signs in through the form at /login, with the token the page carries, as a browser does. */
        HttpResponse<String> signIn(String user, String password) {
            String page = get("/login").body();
            String marker = "name=\"_csrf\" type=\"hidden\" value=\"";
            int start = page.indexOf(marker);
            if (start < 0) throw new IllegalStateException("no _csrf field on the login page: " + page);
            String token = page.substring(start + marker.length(), page.indexOf('"', start + marker.length()));
            return postForm("/login", "username=" + user + "&password=" + password + "&_csrf=" + token);
        }

        static String[] basic(String user, String password) {
            return new String[] {
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))
            };
        }

        private HttpRequest.Builder request(String path, String... headers) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            if (headers.length > 0) builder.headers(headers);
            return builder;
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
