package io.tradewind.tradegenerator.adapter.jms;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Each sender's broker password, so each posts as itself: from a credentials file of {@code user=password} lines (the
 * sandbox writes {@code <work-dir>/credentials.properties}; read as {@link Properties}), else from the environment
 * variable {@code TRADEWIND_PASSWORD_<ID>} (the id upper-cased, every character other than a letter or digit as
 * {@code _}). Never from a command line, where any user of the machine could read it. {@link #toString()} names the
 * sources, not the secrets.
 */
public final class SenderCredentials {
    /** The prefix of the environment variables that hold a sender's password. */
    public static final String ENVIRONMENT_PREFIX = "TRADEWIND_PASSWORD_";

    private final Map<String, String> fromFile;
    private final Path file;
    private final Map<String, String> environment;

    private SenderCredentials(Map<String, String> fromFile, Path file, Map<String, String> environment) {
        this.fromFile = Map.copyOf(fromFile);
        this.file = file;
        this.environment = Map.copyOf(environment);
    }

    /**
     * The passwords in {@code file} (none if it is null or does not exist), then in {@code environment}.
     *
     * @throws UncheckedIOException when the file exists and cannot be read
     */
    public static SenderCredentials from(Path file, Map<String, String> environment) {
        return new SenderCredentials(read(file), file, environment == null ? Map.of() : environment);
    }

    /** The password {@code sender} connects with, if a source holds one. */
    public Optional<String> passwordOf(String sender) {
        String password = fromFile.get(sender);
        if (password == null) password = environment.get(environmentVariable(sender));
        return Optional.ofNullable(password).filter(p -> !p.isEmpty());
    }

    /**
     * Fails naming every sender of {@code senders} that has no password, and where it was looked for: a generator
     * finds out at start, not at its first trade.
     */
    public void requireAll(Collection<String> senders) {
        List<String> missing =
                senders.stream().filter(s -> passwordOf(s).isEmpty()).distinct().toList();
        if (!missing.isEmpty())
            throw new IllegalStateException("no broker password for " + missing + " in " + describeSources()
                    + "; every sender posts as itself");
    }

    /** The environment variable that holds {@code sender}'s password. */
    public static String environmentVariable(String sender) {
        return ENVIRONMENT_PREFIX + sender.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private String describeSources() {
        String fileSource = file == null
                ? "no credentials file"
                : Files.exists(file) ? "the credentials file " + file : "the credentials file " + file + " (missing)";
        return fileSource + " nor the environment (" + ENVIRONMENT_PREFIX + "<ID>)";
    }

    private static Map<String, String> read(Path file) {
        if (file == null || !Files.exists(file)) return Map.of();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credentials file " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> passwords = new java.util.HashMap<>();
        properties.stringPropertyNames().forEach(user -> passwords.put(user, properties.getProperty(user)));
        return passwords;
    }

    @Override
    public String toString() {
        return "SenderCredentials[" + describeSources() + "]";
    }
}
