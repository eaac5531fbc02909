package io.tradewind.platform.app.spring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The guard in front of an app's HTTP endpoints (the actuator): open when they bind loopback only, as in the sandbox,
 * where nothing but this machine reaches them; HTTP Basic on every other path, health included, when they bind any
 * other address, except the two probes ({@link #PROBES}: liveness and readiness, which say UP or not and nothing more). There the credentials are {@code tradewind.http.username} and a password from the environment ({@code
 * TRADEWIND_HTTP_PASSWORD}) or a file ({@code tradewind.http.password-file}), never a command-line argument; without
 * them the app refuses to start. Only for a servlet web application: with {@code web-application-type=none} there is
 * no endpoint to guard.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
public class HttpEndpointSecurity {
    /** The liveness and readiness health groups, answered without a login (HealthProbes names what they include). */
    public static final String[] PROBES = {HealthProbes.LIVENESS_PATH, HealthProbes.READINESS_PATH};

    @Bean
    HttpAccess tradewindHttpAccess(Environment environment) {
        return HttpAccess.of(environment);
    }

    @Bean
    SecurityFilterChain tradewindHttpEndpoints(HttpSecurity http, HttpAccess access) throws Exception {
        // No browser session and no form: a machine reads these endpoints, with its credentials on every request.
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable());
        if (access.loopbackOnly()) {
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        } else {
            // The container's probes (ECS's health check, a load balancer) carry no credentials: they get the two
            // health groups, UP or not and without details; everything else needs the login.
            http.authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, PROBES)
                            .permitAll()
                            .anyRequest()
                            .authenticated())
                    .httpBasic(Customizer.withDefaults());
        }
        return http.build();
    }

    /**
     * The one user, when credentials are set; otherwise none. Declared either way, so Spring Boot never makes a user
     * of its own with a generated password and logs that password.
     */
    @Bean
    UserDetailsService tradewindHttpUsers(HttpAccess access, PasswordEncoder encoder) {
        if (access.username() == null) return new InMemoryUserDetailsManager();
        return new InMemoryUserDetailsManager(User.withUsername(access.username())
                .password(encoder.encode(access.password()))
                .roles("OPERATOR")
                .build());
    }

    /** BCrypt at its lowest cost: the password is a machine's long random secret, checked on every request. */
    @Bean
    PasswordEncoder tradewindHttpPasswordEncoder() {
        return new BCryptPasswordEncoder(4);
    }

    /**
     * Where the HTTP endpoints bind and who may call them.
     *
     * @param addresses the addresses they bind ({@code server.address}, {@code management.server.address}); empty
     *     means every interface
     * @param username null when no credentials are set
     * @param password null when no credentials are set
     */
    public record HttpAccess(List<String> addresses, String username, String password) {
        public static final String USERNAME = "tradewind.http.username";
        public static final String PASSWORD = "tradewind.http.password";
        public static final String PASSWORD_FILE = "tradewind.http.password-file";

        public HttpAccess {
            addresses = List.copyOf(addresses);
            if (!loopbackOnly(addresses) && (username == null || password == null))
                throw new IllegalStateException("the HTTP endpoints bind " + describe(addresses)
                        + ", not loopback, and need credentials: set " + USERNAME + " and the environment's"
                        + " TRADEWIND_HTTP_PASSWORD (or " + PASSWORD_FILE + "), or bind server.address=127.0.0.1");
        }

        /** Reads the bound addresses and the credentials from the environment (and the password file). */
        public static HttpAccess of(Environment environment) {
            List<String> addresses = new ArrayList<>();
            addresses.add(environment.getProperty("server.address", ""));
            // A management server of its own binds the server's address unless told otherwise.
            if (environment.containsProperty("management.server.port"))
                addresses.add(environment.getProperty("management.server.address", addresses.get(0)));
            String username = blankToNull(environment.getProperty(USERNAME));
            String password = blankToNull(environment.getProperty(PASSWORD));
            String passwordFile = blankToNull(environment.getProperty(PASSWORD_FILE));
            if (password == null && passwordFile != null) password = readFirstLine(Path.of(passwordFile));
            if (username == null || password == null) {
                username = null;
                password = null;
            }
            return new HttpAccess(addresses, username, password);
        }

        /** Whether every address the endpoints bind is a loopback one (an unset address is every interface). */
        public boolean loopbackOnly() {
            return loopbackOnly(addresses);
        }

        private static boolean loopbackOnly(List<String> addresses) {
            if (addresses.isEmpty()) return false;
            for (String address : addresses) if (!isLoopback(address)) return false;
            return true;
        }

        private static boolean isLoopback(String address) {
            if (address == null || address.isBlank()) return false;
            try {
                return InetAddress.getByName(address.trim()).isLoopbackAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException("server.address " + address + " is not an address of this machine");
            }
        }

        private static String describe(List<String> addresses) {
            return addresses.stream()
                    .map(a -> a == null || a.isBlank() ? "every interface" : a)
                    .distinct()
                    .toList()
                    .toString();
        }

        private static String readFirstLine(Path file) {
            try {
                return blankToNull(Files.readString(file, StandardCharsets.UTF_8)
                        .lines()
                        .findFirst()
                        .orElse(null));
            } catch (IOException e) {
                throw new IllegalStateException(PASSWORD_FILE + " " + file + " cannot be read: " + e.getMessage());
            }
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }

        /** Never the password: settings are printed and logged. */
        @Override
        public String toString() {
            return "HttpAccess[addresses=" + addresses + ", username=" + username + ", password="
                    + (password == null ? null : "***") + "]";
        }
    }
}
