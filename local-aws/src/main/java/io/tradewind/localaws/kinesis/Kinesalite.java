package io.tradewind.localaws.kinesis;

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
 * One region's Kinesis endpoint: a kinesalite process on the machine's Node. The launcher script exits when its stdin
 * closes, so the Node process ends with the JVM that started it, however that JVM ends.
 */
public final class Kinesalite implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Kinesalite.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final String NODE_HOME_PROPERTY = "tradewind.kinesalite.home";

    private final Process process;
    private final URI endpoint;

    private Kinesalite(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts kinesalite on {@code port} (0 = a free one) and waits until it listens. */
    public static Kinesalite start(String nodeExecutable, int port, Path logFile) throws IOException {
        Path home = nodeHome();
        List<String> command = new ArrayList<>(List.of(
                nodeExecutable,
                home.resolve("kinesalite-launcher.js").toString(),
                "--port",
                Integer.toString(port),
                "--shardLimit",
                "10000"));
        Files.createDirectories(logFile.getParent());
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IOException(
                    "cannot run '" + nodeExecutable + "' for kinesalite: is Node 18+ installed and on the PATH?", e);
        }
        try {
            int boundPort = awaitListening(process, logFile);
            return new Kinesalite(process, URI.create("http://127.0.0.1:" + boundPort));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static int awaitListening(Process process, Path logFile) throws IOException {
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
            throw new IOException("kinesalite did not listen within " + START_TIMEOUT + "; see " + logFile);
        } catch (Exception e) {
            throw new IOException("kinesalite failed to start; see " + logFile, e);
        }
        if (line == null || !line.startsWith("LISTENING "))
            throw new IOException("kinesalite failed to start (said '" + line + "'); see " + logFile);
        return Integer.parseInt(line.substring("LISTENING ".length()).trim());
    }

    /**
     * Where the launcher and its node_modules live: {@code -Dtradewind.kinesalite.home}, else the module's
     * {@code src/main/node} found from this class's location (a build of this repository), else from the working
     * directory (the sandbox run from the repository root).
     */
    static Path nodeHome() throws IOException {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty(NODE_HOME_PROPERTY);
        if (configured != null) candidates.add(Path.of(configured));
        codeSourceModuleDir().ifPresent(module -> candidates.add(module.resolve("src/main/node")));
        candidates.add(Path.of("local-aws/src/main/node").toAbsolutePath());
        candidates.add(Path.of("../local-aws/src/main/node").toAbsolutePath());
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("node_modules/kinesalite/index.js")))
                return candidate.normalize();
        }
        throw new IOException("kinesalite is not installed; looked in " + candidates
                + ". Build once with ./mvnw -B -DskipTests install (it runs npm ci in local-aws), or set -D"
                + NODE_HOME_PROPERTY + "=<dir with kinesalite-launcher.js and node_modules>");
    }

    private static Optional<Path> codeSourceModuleDir() {
        try {
            Path location = Path.of(Kinesalite.class
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

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (!process.isAlive()) return;
        try {
            process.getOutputStream().close(); // the launcher exits when its stdin closes
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
            }
        } catch (IOException e) {
            log.warn("closing kinesalite's stdin failed; killing it", e);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
