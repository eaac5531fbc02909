package io.tradewind.opsconsole.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the command line signs its operator in before a command that changes something: a login from the environment
 * ({@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE}) or from a login file of {@code user=password} lines, never
 * from an argument, checked against the console's users by the rule the service applies. Against the sandbox both
 * default to the files it writes beside its credentials ({@value #SANDBOX_LOGINS_FILE}, {@value #SANDBOX_USERS_FILE}).
 */
public final class CommandLineSignIn {
    public static final String USER_VARIABLE = "TRADEWIND_CONSOLE_USER";
    public static final String PASSWORD_VARIABLE = "TRADEWIND_CONSOLE_PASSWORD";
    /** The users' JSON document, as the service reads {@link ConsoleUsers#PROPERTY} from its environment. */
    public static final String USERS_VARIABLE = "TRADEWIND_CONSOLE_USERS";
    /** The sandbox's console logins ({@code user=password}, owner-only), beside its broker credentials. */
    public static final String SANDBOX_LOGINS_FILE = "console-logins.properties";
    /** The sandbox's console users (names, roles, BCrypt hashes), as it hands them to its console. */
    public static final String SANDBOX_USERS_FILE = "console-users.json";

    private CommandLineSignIn() {}

    /** A user's name and password as the operator gave them; the password is never printed. */
    public record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[user=" + user + "]";
        }
    }

    /** What a sign-in came to: the operator, or one line saying why not. */
    public sealed interface Outcome {
        record SignedIn(ConsoleUser user) implements Outcome {}

        record Refused(String reason) implements Outcome {}
    }

    /**
     * The login: from {@code loginFile} when given (its line for {@value #USER_VARIABLE} if set, else its first line),
     * else from the environment's two variables, else (against the sandbox) from {@code sandboxLogins} the same way.
     *
     * @return empty when there is none, which {@link #signIn} refuses with what to set
     * @throws IllegalArgumentException naming the file when a login file cannot be read or lacks the user
     */
    public static Optional<Login> login(Map<String, String> environment, Path loginFile, Path sandboxLogins) {
        String user = blankToNull(environment.get(USER_VARIABLE));
        if (loginFile != null) return Optional.of(fromFile(loginFile, user));
        String password = blankToNull(environment.get(PASSWORD_VARIABLE));
        if (user != null && password != null) return Optional.of(new Login(user, password));
        if (sandboxLogins != null && Files.isReadable(sandboxLogins)) return Optional.of(fromFile(sandboxLogins, user));
        return Optional.empty();
    }

    /**
     * Checks {@code login} against {@code users} for {@code action}, which needs {@code needed}: a missing login, a
     * wrong name or password (not told apart) and a role short of {@code needed} are each refused with one line.
     */
    public static Outcome signIn(
            Optional<Login> login, ConsoleUsers users, String usersSource, ConsoleRole needed, String action) {
        if (login.isEmpty())
            return new Outcome.Refused(action + " needs a console login: set " + USER_VARIABLE + " and "
                    + PASSWORD_VARIABLE + ", or give --login-file FILE (user=password)");
        Optional<ConsoleUser> user =
                users.authenticate(login.get().user(), login.get().password());
        if (user.isEmpty())
            return new Outcome.Refused("console login " + login.get().user()
                    + " refused: wrong user or password for the console users of " + usersSource);
        if (!user.get().may(needed))
            return new Outcome.Refused("console user " + user.get().name() + " has roles "
                    + user.get().effectiveRoles() + "; " + action + " needs " + needed);
        return new Outcome.SignedIn(user.get());
    }

    /** {@code user}'s line of a {@code user=password} file, or its first line when {@code user} is null. */
    static Login fromFile(Path file, String user) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the console login file " + file + ": " + e.getMessage());
        }
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) continue;
            int equals = trimmed.indexOf('=');
            if (equals <= 0)
                throw new IllegalArgumentException("the console login file " + file + " has a line that is not"
                        + " user=password (line " + (lines.indexOf(line) + 1) + ")");
            String name = trimmed.substring(0, equals).strip();
            if (user == null || user.equals(name)) return new Login(name, trimmed.substring(equals + 1));
        }
        throw new IllegalArgumentException("the console login file " + file
                + (user == null ? " has no user=password line" : " has no line for user " + user));
    }

    /** The users of a users file (the JSON document). */
    public static ConsoleUsers usersFile(Path file) {
        try {
            return ConsoleUsers.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the console users file " + file + ": " + e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
