package io.tradewind.opsconsole.access.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradewind.opsconsole.access.ConsoleRole;
import io.tradewind.opsconsole.access.ConsoleUsers;
import io.tradewind.platform.app.spring.HttpEndpointSecurity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what on the console's HTTP side: the probes are open (ECS, a load balancer); every other path needs a
 * console user, even on loopback, so that the audit names an authenticated operator. GET of the API, the dashboard,
 * its static files and the OpenAPI document need {@link ConsoleRole#VIEWER}; every change through the API and the
 * actuator's other endpoints need {@link ConsoleRole#OPERATOR}. Two chains: API clients and the command line send HTTP
 * Basic on every request (no session, no CSRF token: a browser never gets a Basic challenge from here, so it never
 * replays Basic credentials on its own); a browser signs in at {@code /login} and keeps a session, and each of its
 * changes carries the CSRF token from cookie {@value #CSRF_COOKIE} as header {@value #CSRF_HEADER}. Behind an OIDC
 * proxy ({@code tradewind.console.auth.mode=proxy}) the browser's user is the one the trusted proxy names.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ConsoleAccessSettings.class)
public class ConsoleSecurity {
    private static final Logger log = LoggerFactory.getLogger(ConsoleSecurity.class);

    /** The cookie the dashboard reads the CSRF token from, and the header it sends it back in. */
    public static final String CSRF_COOKIE = "XSRF-TOKEN";

    public static final String CSRF_HEADER = "X-XSRF-TOKEN";
    /** Spring Security's form login page (fields {@code username} and {@code password}). */
    public static final String LOGIN_PAGE = "/login";

    private static final String API = "/api/**";
    private static final String ROLE_PREFIX = "ROLE_";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The console's users from {@value ConsoleUsers#PROPERTY}: the JSON document, or what a secret import parsed. */
    @Bean
    ConsoleUsers consoleUsers(Environment environment) {
        Object document = environment.getProperty(ConsoleUsers.PROPERTY, Object.class);
        ConsoleUsers users =
                document == null ? ConsoleUsers.none() : ConsoleUsers.fromObject(document, ConsoleUsers.PROPERTY);
        if (users.isEmpty())
            log.warn(
                    "the console has no users ({} is empty): nothing but its probes answers without a trusted proxy",
                    ConsoleUsers.PROPERTY);
        else log.info("console users: {}", users.all());
        return users;
    }

    @Bean
    UserDetailsService consoleUserDetails(ConsoleUsers users) {
        return name -> users.find(name)
                .map(user -> User.withUsername(user.name())
                        .password(user.passwordHash())
                        .authorities(authorities(user.effectiveRoles()))
                        .build())
                .orElseThrow(() -> new UsernameNotFoundException("no console user " + name));
    }

    @Bean
    PasswordEncoder consolePasswordEncoder() {
        return new BCryptPasswordEncoder(ConsoleUsers.BCRYPT_STRENGTH);
    }

    /** API clients and the command line: HTTP Basic on every request, no session, no CSRF token. */
    @Bean
    @Order(1)
    SecurityFilterChain consoleBasicClients(HttpSecurity http) throws Exception {
        http.securityMatcher(ConsoleSecurity::sendsBasic)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(ConsoleSecurity::unauthorized))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(ConsoleSecurity::unauthorized)
                        .accessDeniedHandler(denied()));
        return rules(http).build();
    }

    /** Browsers: a session signed in at /login (or by the trusted proxy), and the CSRF token on every change. */
    @Bean
    @Order(2)
    SecurityFilterChain consoleBrowsers(HttpSecurity http, ConsoleAccessSettings settings) throws Exception {
        // spa(): the token in a cookie the dashboard's script reads (not HttpOnly), taken back from the header as is
        // (or masked from a form's field), and written on every response so a fresh session finds it at once.
        http.csrf(csrf -> csrf.spa()).exceptionHandling(exceptions -> exceptions.accessDeniedHandler(denied()));
        if (settings.mode() == ConsoleAccessSettings.Mode.PROXY) {
            // The proxy keeps the browser's session; each request carries its identity, so none is kept here.
            http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .addFilterAt(
                            new ProxyIdentityFilter(settings.proxy()), AbstractPreAuthenticatedProcessingFilter.class)
                    .formLogin(form -> form.disable())
                    .logout(logout -> logout.disable())
                    .exceptionHandling(
                            exceptions -> exceptions.authenticationEntryPoint(ConsoleSecurity::unauthorized));
        } else {
            LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint(LOGIN_PAGE);
            http.formLogin(form -> form.defaultSuccessUrl("/", false).permitAll())
                    .logout(logout ->
                            logout.logoutSuccessUrl(LOGIN_PAGE + "?logout").permitAll())
                    .exceptionHandling(exceptions -> exceptions
                            // The API answers 401 (a script cannot follow a redirect to a form); pages go to /login.
                            .defaultAuthenticationEntryPointFor(ConsoleSecurity::unauthorized, api())
                            .defaultAuthenticationEntryPointFor(login, request -> true));
        }
        return rules(http).build();
    }

    /** The rules both chains apply, first match wins. */
    private static HttpSecurity rules(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(
                requests -> requests.requestMatchers(HttpMethod.GET, HttpEndpointSecurity.PROBES)
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, API)
                        .hasRole(ConsoleRole.VIEWER.name())
                        .requestMatchers(HttpMethod.HEAD, API)
                        .hasRole(ConsoleRole.VIEWER.name())
                        .requestMatchers(API)
                        .hasRole(ConsoleRole.OPERATOR.name())
                        .requestMatchers("/actuator/**")
                        .hasRole(ConsoleRole.OPERATOR.name())
                        // The dashboard, its static files, /v3/api-docs/**, /swagger-ui/**: read-only.
                        .anyRequest()
                        .hasRole(ConsoleRole.VIEWER.name()));
    }

    /** The Spring authorities of these roles. */
    static List<GrantedAuthority> authorities(Set<ConsoleRole> roles) {
        return roles.stream()
                .sorted()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(ROLE_PREFIX + role.name()))
                .toList();
    }

    private static boolean sendsBasic(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, "Basic ".length());
    }

    private static RequestMatcher api() {
        return PathPatternRequestMatcher.withDefaults().matcher(API);
    }

    /**
     * 401 without a {@code WWW-Authenticate: Basic} challenge: a browser that got one would offer its own login box and
     * then replay the credentials on every request, cross-site ones too, which the Basic chain exempts from CSRF.
     */
    private static void unauthorized(
            HttpServletRequest request,
            HttpServletResponse response,
            org.springframework.security.core.AuthenticationException e)
            throws IOException {
        write(
                response,
                HttpServletResponse.SC_UNAUTHORIZED,
                "Unauthorized",
                "sign in: HTTP Basic with a console user, or the console's " + LOGIN_PAGE + " page"
                        + (e instanceof org.springframework.security.authentication.BadCredentialsException
                                ? " (wrong user or password)"
                                : ""),
                request);
    }

    /** 403 saying what was missing: the CSRF token, or the role the request needs and the roles the user has. */
    private static AccessDeniedHandler denied() {
        return (request, response, e) ->
                write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", reason(request, e), request);
    }

    static String reason(HttpServletRequest request, AccessDeniedException e) {
        if (e instanceof CsrfException)
            return "this change needs the CSRF token: send cookie " + CSRF_COOKIE + "'s value as header " + CSRF_HEADER
                    + " (or form field _csrf)";
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        String who = user == null ? "anonymous" : user.getName();
        List<String> roles = user == null
                ? List.of()
                : user.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .filter(authority -> authority.startsWith(ROLE_PREFIX))
                        .map(authority -> authority.substring(ROLE_PREFIX.length()))
                        .toList();
        return "console user " + who + " has roles " + roles + "; " + request.getMethod() + " "
                + request.getRequestURI() + " needs " + needed(request);
    }

    private static ConsoleRole needed(HttpServletRequest request) {
        boolean reads = HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/actuator/")) return ConsoleRole.OPERATOR;
        return path.startsWith("/api/") && !reads ? ConsoleRole.OPERATOR : ConsoleRole.VIEWER;
    }

    private static void write(
            HttpServletResponse response, int status, String error, String message, HttpServletRequest request)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", error);
        body.put("message", message);
        body.put("path", request.getRequestURI());
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
