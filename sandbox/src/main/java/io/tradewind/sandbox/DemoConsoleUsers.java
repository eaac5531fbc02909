package io.tradewind.sandbox;

import io.tradewind.opsconsole.access.CommandLineSignIn;
import io.tradewind.opsconsole.access.ConsoleRole;
import io.tradewind.opsconsole.access.ConsoleUser;
import io.tradewind.opsconsole.access.ConsoleUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox's console users, new at every start: {@value #OPERATOR} (OPERATOR) and {@value #VIEWER} (VIEWER), each
 * with a random password. Their logins go to {@code console-logins.properties} ({@code user=password}, the operator's
 * first, readable by its owner only) and their hashes to {@code console-users.json}, both beside the broker
 * credentials, where the ops console's command line finds them; the console service is handed the hashes alone.
 */
public final class DemoConsoleUsers {
    public static final String OPERATOR = "sre-operator";
    public static final String VIEWER = "sre-viewer";
    /** 24 random bytes, URL-safe Base64: 32 characters, fine on a command line's environment and in a form. */
    private static final int PASSWORD_BYTES = 24;

    private final Map<String, String> logins;
    private final ConsoleUsers users;
    private final Path loginsFile;
    private final Path usersFile;

    private DemoConsoleUsers(Map<String, String> logins, ConsoleUsers users, Path loginsFile, Path usersFile) {
        this.logins = Collections.unmodifiableMap(logins);
        this.users = users;
        this.loginsFile = loginsFile;
        this.usersFile = usersFile;
    }

    /** Makes the two users and writes their files into {@code dir}, replacing those of an earlier start. */
    public static DemoConsoleUsers create(Path dir, SecureRandom random) {
        Map<String, Set<ConsoleRole>> roles = new LinkedHashMap<>();
        roles.put(OPERATOR, Set.of(ConsoleRole.OPERATOR));
        roles.put(VIEWER, Set.of(ConsoleRole.VIEWER));
        Map<String, String> logins = new LinkedHashMap<>();
        List<ConsoleUser> users = new ArrayList<>();
        roles.forEach((name, granted) -> {
            byte[] bytes = new byte[PASSWORD_BYTES];
            random.nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            logins.put(name, password);
            users.add(ConsoleUsers.withPassword(name, granted, password));
        });
        ConsoleUsers consoleUsers = ConsoleUsers.of(users);
        StringBuilder loginLines = new StringBuilder(
                "# The sandbox's console logins, new at every start; the first line is the command line's default\n");
        logins.forEach((name, password) ->
                loginLines.append(name).append('=').append(password).append('\n'));
        Path loginsFile = dir.resolve(CommandLineSignIn.SANDBOX_LOGINS_FILE);
        Path usersFile = dir.resolve(CommandLineSignIn.SANDBOX_USERS_FILE);
        writeOwnerOnly(loginsFile, loginLines.toString());
        writeOwnerOnly(usersFile, consoleUsers.toJson());
        return new DemoConsoleUsers(logins, consoleUsers, loginsFile, usersFile);
    }

    /** Each user's password, the operator first. */
    public Map<String, String> logins() {
        return logins;
    }

    /** The users as the console service is handed them: names, roles and hashes. */
    public ConsoleUsers users() {
        return users;
    }

    public Path loginsFile() {
        return loginsFile;
    }

    public Path usersFile() {
        return usersFile;
    }

    /** A table of the users' names, roles and passwords, as the sandbox prints it at start. */
    public String table() {
        StringBuilder text =
                new StringBuilder(String.format(Locale.ROOT, "    %-14s %-10s %s%n", "USER", "ROLE", "PASSWORD"));
        logins.forEach((name, password) -> text.append(String.format(
                Locale.ROOT,
                "    %-14s %-10s %s%n",
                name,
                users.find(name).orElseThrow().roles().iterator().next(),
                password)));
        return text.toString();
    }

    /** Written to a fresh owner-only file, then moved over the old one, so no reader sees half a file. */
    private static void writeOwnerOnly(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path fresh = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(fresh);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix"))
                Files.createFile(
                        fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(fresh, text, StandardCharsets.UTF_8);
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox's console users to " + file, e);
        }
    }
}
