package io.tradewind.opsconsole.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One console user: the name the audit records, its roles, and the BCrypt hash of its password. The password itself is
 * never held: a configuration that gives one in clear is refused.
 *
 * @param passwordHash a BCrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}, 60 characters)
 */
public record ConsoleUser(
        @JsonProperty("name") String name,
        @JsonProperty("roles") Set<ConsoleRole> roles,
        @JsonProperty("passwordHash") String passwordHash) {

    /** Letters, digits and {@code . _ @ -}, up to 64: an e-mail address or a login name, safe in a log line. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");

    @JsonCreator
    public ConsoleUser {
        if (name == null || !NAME.matcher(name).matches())
            throw new IllegalArgumentException(
                    "a console user's name '" + name + "' is not 1 to 64 letters, digits, '.', '_', '@' or '-'");
        if (roles == null || roles.isEmpty())
            throw new IllegalArgumentException("console user " + name + " has no roles: give VIEWER or OPERATOR");
        roles = Set.copyOf(EnumSet.copyOf(roles));
        if (passwordHash == null || !BCRYPT.matcher(passwordHash).matches())
            throw new IllegalArgumentException("console user " + name
                    + "'s passwordHash is not a BCrypt hash ($2a$/$2b$/$2y$, 60 characters): store the hash, never"
                    + " the password");
    }

    /** Whether this user may do what needs {@code needed}. */
    public boolean may(ConsoleRole needed) {
        return roles.stream().anyMatch(role -> role.allows(needed));
    }

    /** Every role this user holds, the implied ones included. */
    public Set<ConsoleRole> effectiveRoles() {
        return ConsoleRole.effective(roles);
    }

    /** Never the hash: users are printed and logged. */
    @Override
    public String toString() {
        return "ConsoleUser[name=" + name + ", roles=" + EnumSet.copyOf(roles) + "]";
    }
}
