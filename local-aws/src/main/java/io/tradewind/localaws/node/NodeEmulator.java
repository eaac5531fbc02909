package io.tradewind.localaws.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An emulator that runs as a launcher script on the machine's Node (kinesalite, dynalite). A launcher prints
 * {@code LISTENING <port>} once bound and exits when its stdin closes, so the Node process ends with the JVM that
 * started it, however that JVM ends.
 */
public final class NodeEmulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeEmulator.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    /** How long a launcher may take to exit once its stdin closed, before it is killed. */
    static final Duration EXIT_TIMEOUT = Duration.ofSeconds(2);

    private static final String NODE_HOME_PROPERTY = "tradewind.node-emulators.home";

    private final String name;
    private final Process process;
    private final URI endpoint;

    private NodeEmulator(String name, Process process, URI endpoint) {
        this.name = name;
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Starts {@code launcher} (a script beside the installed node_modules) with {@code arguments}, its stderr appended
     * to {@code logFile}, and waits until it listens.
     *
     * @param name the emulator, as the npm package that must be installed for it (e.g. {@code kinesalite})
     */
    public static NodeEmulator start(
            String name, String nodeExecutable, String launcher, List<String> arguments, Path logFile)
            throws IOException {
        Path home = home(name);
        List<String> command = new ArrayList<>();
        command.add(nodeExecutable);
        command.add(home.resolve(launcher).toString());
        command.addAll(arguments);
        Files.createDirectories(logFile.getParent());
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IOException(
                    "cannot run '" + nodeExecutable + "' for " + name + ": is Node 20+ installed and on the PATH?", e);
        }
        try {
            int boundPort = awaitListening(name, process, logFile);
            return new NodeEmulator(name, process, URI.create("http://127.0.0.1:" + boundPort));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static int awaitListening(String name, Process process, Path logFile) throws IOException {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String line;
        try {
            line = firstLine.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IOException(name + " did not listen within " + START_TIMEOUT + "; see " + logFile);
        } catch (Exception e) {
            throw new IOException(name + " failed to start; see " + logFile, e);
        }
        if (line == null || !line.startsWith("LISTENING "))
            throw new IOException(name + " failed to start (said '" + line + "'); see " + logFile);
        return Integer.parseInt(line.substring("LISTENING ".length()).trim());
    }

    /**
     * Where the launchers and their node_modules live: {@code -Dtradewind.node-emulators.home}, else the module's
     * {@code src/main/node} found from this class's location (a build of this repository), else from the working
     * directory (the sandbox run from the repository root).
     */
    static Path home(String packageName) throws IOException {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty(NODE_HOME_PROPERTY);
        if (configured != null) candidates.add(Path.of(configured));
        codeSourceModuleDir().ifPresent(module -> candidates.add(module.resolve("src/main/node")));
        candidates.add(Path.of("local-aws/src/main/node").toAbsolutePath());
        candidates.add(Path.of("../local-aws/src/main/node").toAbsolutePath());
        for (Path candidate : candidates) {
            if (Files.isRegularFile(
                    candidate.resolve("node_modules").resolve(packageName).resolve("package.json")))
                return candidate.normalize();
        }
        throw new IOException(packageName + " is not installed; looked in " + candidates
                + ". Build once with ./mvnw -B -DskipTests install (it runs npm ci in local-aws), or set -D"
                + NODE_HOME_PROPERTY + "=<dir with the launchers and node_modules>");
    }

    private static Optional<Path> codeSourceModuleDir() {
        try {
            Path location = Path.of(NodeEmulator.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            // target/classes or target/local-aws-<version>.jar: the module directory is two levels up.
            Path target = location.getParent();
            return target == null || target.getParent() == null ? Optional.empty() : Optional.of(target.getParent());
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The Node process, e.g. for a CPU ledger that attributes its time. */
    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Closes the launcher's stdin, on which it exits at once (dynalite and kinesalite hold their data in memory), and
     * kills the process if it is still there after {@link #EXIT_TIMEOUT}: no emulator outlives its owner.
     */
    @Override
    public void close() {
        if (!process.isAlive()) return;
        try {
            process.getOutputStream().close();
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} did not exit within {} of its stdin closing; killing it", name, EXIT_TIMEOUT);
                process.destroyForcibly();
            }
        } catch (IOException e) {
            log.warn("closing {}'s stdin failed; killing it", name, e);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Kills the process at once, without waiting: for a JVM that halts. */
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public String toString() {
        return name + " at " + endpoint;
    }
}
