package io.tradewind.opsconsole.access.spring;

import io.tradewind.opsconsole.access.ConsoleRole;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * How the console tells who is asking ({@code tradewind.console.auth.*}).
 *
 * @param mode {@code users} (default): the console's own users, signed in by form or HTTP Basic; {@code proxy}: an
 *     OIDC proxy in front (AWS ALB's authenticate-oidc, oauth2-proxy) signed the browser in and names the user in a
 *     header, trusted only from {@link Proxy#trustedAddresses}; HTTP Basic with the console's users still works
 */
@ConfigurationProperties("tradewind.console.auth")
public record ConsoleAccessSettings(@DefaultValue("users") Mode mode, @DefaultValue Proxy proxy) {

    public enum Mode {
        USERS,
        PROXY
    }

    public ConsoleAccessSettings {
        if (mode == Mode.PROXY && proxy.trustedAddresses().isEmpty())
            throw new IllegalArgumentException("tradewind.console.auth.mode=proxy needs"
                    + " tradewind.console.auth.proxy.trusted-addresses: the proxy's addresses (IPs or CIDRs), the only"
                    + " peers whose identity headers are believed");
    }

    /**
     * What the proxy sends and whom to believe.
     *
     * @param userHeader the header naming the signed-in user (ALB: {@code x-amzn-oidc-identity}, the OIDC subject;
     *     oauth2-proxy: {@code X-Forwarded-User} or {@code X-Forwarded-Email})
     * @param groupsHeader a header listing the user's groups, comma-separated (oauth2-proxy: {@code
     *     X-Forwarded-Groups}); empty when the proxy sends none (ALB)
     * @param trustedAddresses the proxy's addresses as IPs or CIDRs (the ALB's subnets): the TCP peer of a request,
     *     never a forwarded-for header, must be one of them
     * @param roleGroups per role, the groups that hold it
     * @param roleUsers per role, the users (as the user header names them) that hold it
     */
    public record Proxy(
            @DefaultValue("x-amzn-oidc-identity") String userHeader,
            @DefaultValue("") String groupsHeader,
            @DefaultValue List<String> trustedAddresses,
            @DefaultValue Map<ConsoleRole, List<String>> roleGroups,
            @DefaultValue Map<ConsoleRole, List<String>> roleUsers) {

        public Proxy {
            trustedAddresses = List.copyOf(trustedAddresses);
            roleGroups = Map.copyOf(roleGroups);
            roleUsers = Map.copyOf(roleUsers);
            for (String address : trustedAddresses) {
                try {
                    new IpAddressMatcher(address);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("tradewind.console.auth.proxy.trusted-addresses: '" + address
                            + "' is not an IP address or CIDR block: " + e.getMessage());
                }
            }
        }

        /** The roles of {@code user} in {@code groups}, by the two mappings. */
        public Set<ConsoleRole> rolesOf(String user, List<String> groups) {
            Set<ConsoleRole> roles = EnumSet.noneOf(ConsoleRole.class);
            roleUsers.forEach((role, users) -> {
                if (users.contains(user)) roles.add(role);
            });
            Set<String> held = new LinkedHashSet<>(groups);
            roleGroups.forEach((role, names) -> {
                if (names.stream().anyMatch(held::contains)) roles.add(role);
            });
            return roles;
        }
    }
}
