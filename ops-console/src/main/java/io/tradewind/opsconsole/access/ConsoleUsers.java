package io.tradewind.opsconsole.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The console's users, as configuration gives them: one JSON document, a list of {@code {"name", "roles",
 * "passwordHash"}}, in the property {@value #PROPERTY} (environment {@code TRADEWIND_CONSOLE_USERS}), in a users file
 * given to the command line, or on AWS in the Secrets Manager secret {@code tradewind/ops-console/users}. The service
 * and the command line read the same document and authenticate by the same rule.
 */
public final class ConsoleUsers {
    /** The property that holds the users' JSON document. */
    public static final String PROPERTY = "tradewind.console.users";

    /** BCrypt's default cost (2^10 rounds): a person's password, checked once per sign-in or command. */
    public static final int BCRYPT_STRENGTH = 10;

    /** Roles as written by hand, in any case. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private static final PasswordEncoder BCRYPT = new BCryptPasswordEncoder(BCRYPT_STRENGTH);
    /** Checked against when the name is unknown, so a wrong name costs the time a wrong password does. */
    private static final String NO_ONE = BCRYPT.encode("no one signs in with this");

    private final Map<String, ConsoleUser> byName;

    private ConsoleUsers(Map<String, ConsoleUser> byName) {
        this.byName = byName;
    }

    /** These users; a name given twice is refused. */
    public static ConsoleUsers of(Collection<ConsoleUser> users) {
        Map<String, ConsoleUser> byName = new LinkedHashMap<>();
        for (ConsoleUser user : users)
            if (byName.putIfAbsent(user.name(), user) != null)
                throw new IllegalArgumentException("console user " + user.name() + " is given twice");
        return new ConsoleUsers(Map.copyOf(byName));
    }

    public static ConsoleUsers none() {
        return new ConsoleUsers(Map.of());
    }

    /**
     * The users of a JSON document: a list of users, or an object whose {@code users} member is that list (a secret
     * written as an object). {@code where} names the source in what a refusal says.
     */
    public static ConsoleUsers parse(String json, String where) {
        if (json == null || json.isBlank()) return none();
        try {
            return fromTree(JSON.readTree(json), where);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "the console users in " + where + " are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The same from a document already read (a secret Spring Cloud AWS parsed into lists and maps). */
    public static ConsoleUsers fromObject(Object document, String where) {
        if (document instanceof String text) return parse(text, where);
        return fromTree(JSON.valueToTree(document), where);
    }

    private static ConsoleUsers fromTree(JsonNode tree, String where) {
        JsonNode list = tree.isObject() && tree.has("users") ? tree.get("users") : tree;
        if (!(list instanceof ArrayNode))
            throw new IllegalArgumentException("the console users in " + where
                    + " are not a list of {\"name\", \"roles\", \"passwordHash\"}: " + tree.getNodeType());
        for (JsonNode entry : list)
            if (entry.has("password"))
                throw new IllegalArgumentException(
                        "console user " + entry.path("name").asText() + " in " + where
                                + " has a password in clear: give its BCrypt hash as passwordHash instead");
        try {
            return of(JSON.convertValue(list, new TypeReference<List<ConsoleUser>>() {}));
        } catch (IllegalArgumentException e) {
            // Jackson wraps the record's own refusal, which names the field and value; that is the message to show.
            Throwable cause = e;
            while (cause.getCause() != null) cause = cause.getCause();
            throw new IllegalArgumentException("the console users in " + where + ": " + cause.getMessage(), e);
        }
    }

    /**
     * The user {@code name} if {@code password} is theirs; empty for an unknown name or a wrong password, which take
     * the same time and are not told apart.
     */
    public Optional<ConsoleUser> authenticate(String name, String password) {
        if (password == null) return Optional.empty();
        ConsoleUser user = name == null ? null : byName.get(name);
        boolean matches = BCRYPT.matches(password, user == null ? NO_ONE : user.passwordHash());
        return matches && user != null ? Optional.of(user) : Optional.empty();
    }

    /** The user named {@code name}, whoever asks (a trusted proxy vouched for them, or a session already signed in). */
    public Optional<ConsoleUser> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<ConsoleUser> all() {
        return byName.values();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** A user whose password is hashed here (the sandbox's, or a platform team's tool): the password is not kept. */
    public static ConsoleUser withPassword(String name, Set<ConsoleRole> roles, String password) {
        if (password == null || password.isEmpty())
            throw new IllegalArgumentException("console user " + name + "'s password is empty");
        return new ConsoleUser(name, roles, BCRYPT.encode(password));
    }

    /** These users as the JSON document {@link #parse} reads: names, roles and hashes only. */
    public String toJson() {
        ArrayNode list = JSON.createArrayNode();
        for (ConsoleUser user : byName.values().stream()
                .sorted(Comparator.comparing(ConsoleUser::name))
                .toList()) {
            var entry = list.addObject();
            entry.put("name", user.name());
            var roles = entry.putArray("roles");
            EnumSet.copyOf(user.roles()).forEach(role -> roles.add(role.name()));
            entry.put("passwordHash", user.passwordHash());
        }
        return list.toString();
    }

    @Override
    public String toString() {
        return "ConsoleUsers" + byName.values();
    }
}
