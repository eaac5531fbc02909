package io.tradewind.opsconsole.config;

import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.platform.cli.CommandLines;
import io.tradewind.platform.gateway.JmsLogin;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The user the ops console logs in as on the brokers, the operator identity ({@code ops-console}): its password from
 * the environment ({@code TRADEWIND_MQ_PASSWORD}, and {@code TRADEWIND_MQ_USERNAME} for another user), never from the
 * command line; without it, against the sandbox, from the credentials file the sandbox writes ({@code
 * TRADEWIND_SANDBOX_CREDENTIALS}, by default {@value #SANDBOX_CREDENTIALS}).
 */
public final class OperatorLogin {
    /** Where a sandbox started from the repository's root writes its broker users. */
    public static final String SANDBOX_CREDENTIALS = CommandLines.SANDBOX_CREDENTIALS;
    /** Names another sandbox's credentials file; its console logins and users are beside it. */
    public static final String SANDBOX_CREDENTIALS_VARIABLE = "TRADEWIND_SANDBOX_CREDENTIALS";

    private OperatorLogin() {}

    /** From this process's environment. */
    public static JmsLogin fromEnvironment(boolean sandbox) {
        return resolve(System.getenv(), sandbox);
    }

    static JmsLogin resolve(Map<String, String> environment, boolean sandbox) {
        String user = environment.getOrDefault("TRADEWIND_MQ_USERNAME", ServiceIdentity.OPERATOR.user());
        String password = environment.get(CommandLines.MQ_PASSWORD_VARIABLE);
        if (password != null && !password.isEmpty()) return new JmsLogin(user, password);
        if (!sandbox)
            throw new IllegalArgumentException(
                    "TRADEWIND_MQ_PASSWORD is not set: the ops console needs the password of broker user " + user);
        Path file = Path.of(environment.getOrDefault(SANDBOX_CREDENTIALS_VARIABLE, SANDBOX_CREDENTIALS));
        return fromCredentialsFile(file, user);
    }

    /** {@code user}'s login from a sandbox's credentials file ({@code user=password} lines). */
    public static JmsLogin fromCredentialsFile(Path file, String user) {
        if (!Files.isReadable(file))
            throw new IllegalArgumentException(
                    "neither TRADEWIND_MQ_PASSWORD nor the sandbox's credentials file " + file
                            + " is there: start the sandbox, or point TRADEWIND_SANDBOX_CREDENTIALS at its work dir's file");
        Properties passwords = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            passwords.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox's credentials in " + file, e);
        }
        String password = passwords.getProperty(user);
        if (password == null || password.isEmpty())
            throw new IllegalArgumentException("the sandbox's credentials file " + file + " has no user " + user);
        return new JmsLogin(user, password);
    }
}
