package io.tradewind.opsconsole.access.spring;

import io.tradewind.opsconsole.access.ConsoleRole;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Proxy mode: the user a trusted OIDC proxy names in its header, with the roles its mappings give them. A request whose
 * TCP peer is not one of the proxy's addresses is not believed, whatever its headers say: it stays anonymous, and the
 * chain asks it to sign in.
 */
final class ProxyIdentityFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(ProxyIdentityFilter.class);
    /** Printable ASCII without spaces, up to 256: a subject, an e-mail address; nothing that could forge a log line. */
    private static final Pattern IDENTITY = Pattern.compile("[\\x21-\\x7e]{1,256}");

    private final ConsoleAccessSettings.Proxy proxy;
    private final List<IpAddressMatcher> trusted;

    ProxyIdentityFilter(ConsoleAccessSettings.Proxy proxy) {
        this.proxy = proxy;
        this.trusted =
                proxy.trustedAddresses().stream().map(IpAddressMatcher::new).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = request.getHeader(proxy.userHeader());
        if (user != null && SecurityContextHolder.getContext().getAuthentication() == null) {
            // getRemoteAddr is the TCP peer as long as nothing rewrites it from X-Forwarded-For
            // (server.forward-headers-strategy stays none): a client cannot choose it.
            String peer = request.getRemoteAddr();
            if (trusted.stream().noneMatch(matcher -> matcher.matches(peer)))
                log.warn(
                        "ignored {} from {}: not one of the trusted proxy addresses {}",
                        proxy.userHeader(),
                        peer,
                        proxy.trustedAddresses());
            else if (!IDENTITY.matcher(user).matches())
                log.warn(
                        "ignored {} from the proxy {}: not an identity (printable, up to 256)",
                        proxy.userHeader(),
                        peer);
            else signIn(user, groupsOf(request));
        }
        chain.doFilter(request, response);
    }

    private void signIn(String user, List<String> groups) {
        Set<ConsoleRole> roles = ConsoleRole.effective(proxy.rolesOf(user, groups));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        // A user the mappings give no role is still signed in: the rules then refuse it with a message naming it.
        context.setAuthentication(
                new PreAuthenticatedAuthenticationToken(user, "", ConsoleSecurity.authorities(roles)));
        SecurityContextHolder.setContext(context);
    }

    private List<String> groupsOf(HttpServletRequest request) {
        if (proxy.groupsHeader().isBlank()) return List.of();
        String header = request.getHeader(proxy.groupsHeader());
        if (header == null) return List.of();
        return Arrays.stream(header.split(","))
                .map(String::strip)
                .filter(group -> !group.isEmpty())
                .toList();
    }
}
