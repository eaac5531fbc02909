package io.tradewind.tradegenerator.adapter.jms;

import io.tradewind.platform.gateway.JmsLogin;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Each sender's broker login: a participant posts as itself, so the broker stamps its id on its messages. Read from a
 * file of {@code user=password} lines (the sandbox writes one in its work directory), read again when a sender is not
 * in it yet, so participants onboarded after the start are found.
 */
public final class SenderLogins {
    private final Path file;
    private Properties passwords = new Properties();

    private SenderLogins(Path file) {
        this.file = file;
    }

    /** The logins in {@code file}. */
    public static SenderLogins fromFile(Path file) {
        if (file == null) throw new IllegalArgumentException("the senders' credentials file is not set");
        SenderLogins logins = new SenderLogins(file);
        logins.reload();
        return logins;
    }

    /** The login of {@code senderId}, if the file has one. */
    public synchronized Optional<JmsLogin> of(String senderId) {
        String password = passwords.getProperty(senderId);
        if (password == null) {
            reload();
            password = passwords.getProperty(senderId);
        }
        return password == null || password.isEmpty()
                ? Optional.empty()
                : Optional.of(new JmsLogin(senderId, password));
    }

    private void reload() {
        Properties fresh = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            fresh.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the senders' credentials in " + file, e);
        }
        passwords = fresh;
    }

    @Override
    public String toString() {
        return "SenderLogins[" + file + "]";
    }
}
