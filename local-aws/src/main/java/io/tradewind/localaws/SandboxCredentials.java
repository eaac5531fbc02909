package io.tradewind.localaws;

import io.tradewind.localaws.mq.BrokerLogin;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The broker users the sandbox created and their passwords, kept in {@code <work-dir>/credentials.properties} (one
 * {@code user=password} line each, readable by its owner only) so tools outside the sandbox's process (the ops console,
 * a participant's client) can log in. Passwords are random per start and never printed.
 */
public final class SandboxCredentials {
    /** The file's name in the work directory. */
    public static final String FILE_NAME = "credentials.properties";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Map<String, String> passwords = new TreeMap<>();

    private SandboxCredentials(Path file) {
        this.file = file;
    }

    /** An empty credentials file in {@code workDir}, replacing any earlier one. */
    static SandboxCredentials create(Path workDir) {
        SandboxCredentials credentials = new SandboxCredentials(workDir.resolve(FILE_NAME));
        credentials.write();
        return credentials;
    }

    /**
     * A new random password: 24 characters of URL-safe Base64 (144 bits), which meets Amazon MQ's rules (at least 12
     * characters, 4 of them different, no comma, colon or equals sign).
     */
    public static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Records {@code user}'s password (replacing an earlier one) and rewrites the file. */
    public synchronized void put(String user, String password) {
        new BrokerLogin(user, password); // the same checks as a login
        passwords.put(user, password);
        write();
    }

    /** Forgets {@code user} and rewrites the file. */
    public synchronized void remove(String user) {
        if (passwords.remove(user) != null) write();
    }

    /** The login of {@code user}. */
    public synchronized BrokerLogin login(String user) {
        String password = passwords.get(user);
        if (password == null)
            throw new IllegalArgumentException("the sandbox has no broker user " + user + "; it has " + users());
        return new BrokerLogin(user, password);
    }

    public synchronized Set<String> users() {
        return Collections.unmodifiableSet(new java.util.TreeSet<>(passwords.keySet()));
    }

    /** The file, for tools in other processes ({@link #read(Path)}). */
    public Path file() {
        return file;
    }

    /** Each user's password in a credentials file written by a sandbox. */
    public static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox's credentials in " + file, e);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        properties.stringPropertyNames().stream()
                .sorted()
                .forEach(user -> passwords.put(user, properties.getProperty(user)));
        return passwords;
    }

    /** Written to a fresh owner-only file, then moved over the old one, so no reader sees half a file. */
    private void write() {
        Properties properties = new Properties();
        properties.putAll(passwords);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "Broker users of this sandbox run; regenerated at every start");
            Files.createDirectories(file.getParent());
            Path fresh = file.resolveSibling(FILE_NAME + ".new");
            Files.deleteIfExists(fresh);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix"))
                Files.createFile(
                        fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(fresh, text.toString(), StandardCharsets.UTF_8);
            Files.move(fresh, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox's credentials to " + file, e);
        }
    }

    @Override
    public String toString() {
        return "SandboxCredentials[" + file + ", users " + users() + "]";
    }
}
