package io.tradewind.sandbox.console;

import io.tradewind.localaws.SandboxCredentials;
import io.tradewind.opsconsole.access.CommandLineSignIn;
import io.tradewind.sandbox.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

/**
 * One started sandbox shared by every console test of the JVM ({@code @ExtendWith(ConsoleSandbox.class)}, then {@link
 * #get()}): started at the first such class with {@code --ephemeral-ports --work-dir <temp> --generator-rate 20}, kept
 * in the root store and closed when the JVM's tests are done. A sandbox costs about a minute of CI: the console's tests,
 * {@code SandboxIT} and {@code HostileInputIT} share one (failsafe's execution {@code console}), their classes run in
 * their {@code @Order}: {@link #FIRST}, unordered (by name: failsafe's run order is alphabetical), {@link
 * #ROTATES_AWAY}, {@link #ROTATES_BACK}, then {@link #LAST}.
 */
public final class ConsoleSandbox implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConsoleSandbox.class);

    /**
     * The order of a class that needs the sandbox as it starts: no trade posted yet, the generator never On, both apps in
     * us-east-1.
     */
    public static final int FIRST = 1;

    /**
     * The order of the class that rotates both apps from us-east-1 to us-west-2 and leaves them there: after every
     * unordered class (JUnit's default order is {@code Integer.MAX_VALUE / 2}), which may post to us-east-1 as the
     * sandbox started.
     */
    public static final int ROTATES_AWAY = Integer.MAX_VALUE / 2 + 1;

    /**
     * The order of the class that finds both apps in us-west-2 and rotates them back to us-east-1: the two share the
     * rotations a suite needs, so no test rotates only to tidy up.
     */
    public static final int ROTATES_BACK = ROTATES_AWAY + 1;

    /**
     * The order of a class that leaves inputs a later rotation's reconciliation would find undecided (quarantined
     * ones): after every class that rotates.
     */
    public static final int LAST = Integer.MAX_VALUE;

    private static volatile Started started;

    /** The started sandbox; only inside a class extended with this. */
    public static Sandbox get() {
        Started now = started;
        if (now == null)
            throw new IllegalStateException("extend the test class with @ExtendWith(ConsoleSandbox.class)");
        return now.sandbox;
    }

    /** The password of a console user the sandbox created at start, when it creates them. */
    public static Optional<String> consoleLogin(String user) {
        Path file = started().workDir.resolve(CommandLineSignIn.SANDBOX_LOGINS_FILE);
        if (!Files.isReadable(file)) return Optional.empty();
        return Optional.ofNullable(SandboxCredentials.read(file).get(user));
    }

    private static Started started() {
        Started now = started;
        if (now == null)
            throw new IllegalStateException("extend the test class with @ExtendWith(ConsoleSandbox.class)");
        return now;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        started =
                context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Started.class, k -> start(), Started.class);
    }

    private static Started start() {
        try {
            Path workDir = Files.createTempDirectory("console-sandbox");
            Sandbox sandbox = new Sandbox();
            new CommandLine(sandbox)
                    .parseArgs("--ephemeral-ports", "--work-dir", workDir.toString(), "--generator-rate", "20");
            try {
                sandbox.start();
            } catch (Exception e) {
                sandbox.close();
                throw e;
            }
            return new Started(sandbox, workDir);
        } catch (Exception e) {
            throw new IllegalStateException("the console's sandbox did not start", e);
        }
    }

    /** Closed by JUnit with the root store, after the JVM's last test: the sandbox, then its work dir. */
    private record Started(Sandbox sandbox, Path workDir) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            started = null;
            sandbox.close();
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
