package io.tradewind.sandbox.stop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A command of the sandbox jar, a test's main class or a shell command line run as a process of its own, as a user runs
 * it, its output in a file: for tests of how it stops on a signal, and of the READMEs' commands.
 */
public final class ChildCommand implements AutoCloseable {
    /** The jar {@code package} builds, before the integration tests run; tests run in the sandbox module's directory. */
    static final Path JAR = Path.of("target", "tradewind-sandbox.jar").toAbsolutePath();

    private final Process process;
    private final Path output;

    private ChildCommand(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Runs the sandbox jar with {@code args}, with the JVM flags {@code ./tradewind} gives it. */
    static ChildCommand jar(Path output, String... args) throws IOException {
        assertThat(JAR).as("the sandbox jar (built by package)").isRegularFile();
        List<String> command =
                new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m"));
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        return start(command, output);
    }

    /** Runs {@code mainClass} on this test's classpath. */
    static ChildCommand main(Path output, Class<?> mainClass) throws IOException {
        return start(List.of(java(), "-cp", System.getProperty("java.class.path"), mainClass.getName()), output);
    }

    /**
     * Runs {@code command} by bash in {@code directory}, as a user types it there, with nothing on its standard input. A
     * single command is bash's own process ({@code bash -c} execs it), so a signal reaches it as Ctrl-C would.
     */
    public static ChildCommand shell(Path output, Path directory, String command) throws IOException {
        Process process = new ProcessBuilder("bash", "-c", command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        return new ChildCommand(process, output);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static ChildCommand start(List<String> command, Path output) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        return new ChildCommand(process, output);
    }

    /** What it printed so far. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until it printed {@code line}, failing at once if it ended first. */
    public void awaitOutput(String line, Duration atMost) {
        Awaitility.await("'" + line + "' printed")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive())
                        throw new AssertionError(
                                "ended (exit " + process.exitValue() + ") before printing '" + line + "':\n" + tail());
                    return output().contains(line);
                });
    }

    /** The last lines of its output, for a failure's message. */
    public String tail() {
        String all = output();
        return all.substring(Math.max(0, all.length() - 6_000));
    }

    long pid() {
        return process.pid();
    }

    /**
     * Checks that it keeps running for {@code duration}: a command that must not end by itself (a sandbox whose
     * database died, a load test mid-run) before the test stops it.
     */
    public void assertKeepsRunningFor(Duration duration, String why) {
        Awaitility.await(why)
                .during(duration)
                .atMost(duration.plusSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive())
                        throw new AssertionError(
                                "ended (exit " + process.exitValue() + ") while " + why + ":\n" + tail());
                    return true;
                });
    }

    /** Every process it started that runs now (the Node emulators: PostgreSQL is a daemon, not its child). */
    public List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** Sends {@code signal} (e.g. {@code INT}, {@code TERM}) as {@code kill} does. */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -" + signal).isZero();
    }

    /** Sends SIGTERM ({@code Process.destroy()} on Linux) and returns how long the command took to exit, if it did. */
    Optional<Duration> terminateWithin(Duration atMost) throws InterruptedException {
        long startNanos = System.nanoTime();
        process.destroy();
        return awaitExit(startNanos, atMost);
    }

    /**
     * Sends SIGTERM and checks the command stopped as its ordered shutdown says: within {@code bound}, services before
     * emulators with each step logged ({@code what} names the command in its log), and none of {@code emulators} left.
     *
     * @return how long it took to exit
     */
    public Duration assertStopsInOrderWithin(Duration bound, String what, List<ProcessHandle> emulators)
            throws InterruptedException {
        Optional<Duration> stopped = terminateWithin(bound);
        assertThat(stopped)
                .as("stopped within %s; its output ends:%n%s", bound, tail())
                .isPresent();
        awaitGone(emulators);
        assertThat(output())
                .as("services before emulators, each step logged with its duration")
                .containsSubsequence(
                        "stopping " + what + ": [services, emulators, emulator processes]",
                        what + ": step 'services'",
                        what + ": step 'emulators'",
                        what + " stopped in");
        return stopped.get();
    }

    /** Waits for the exit, counting from {@code startNanos}; empty if it still runs {@code atMost} after that. */
    Optional<Duration> awaitExit(long startNanos, Duration atMost) throws InterruptedException {
        long left = atMost.toNanos() - (System.nanoTime() - startNanos);
        if (!process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) return Optional.empty();
        return Optional.of(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Waits until it ends by itself, within {@code atMost}; its exit code. */
    public int awaitEnd(Duration atMost) throws InterruptedException {
        assertThat(process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS))
                .as("still ran after %s:%n%s", atMost, tail())
                .isTrue();
        return process.exitValue();
    }

    /**
     * Stops it as Ctrl-C does (SIGTERM), waits up to {@code atMost} for it to end, then for whatever it started
     * (emulators it would have stopped itself), so a command half-way through its start keeps no port from the next.
     *
     * @return its exit code
     */
    public int stop(Duration atMost) throws InterruptedException {
        List<ProcessHandle> started = descendants();
        Optional<Duration> ended = terminateWithin(atMost);
        for (ProcessHandle left : started) {
            left.destroy();
            try {
                left.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                left.destroyForcibly();
            }
        }
        assertThat(ended).as("still ran %s after SIGTERM:%n%s", atMost, tail()).isPresent();
        return process.exitValue();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** The PostgreSQL server that {@code dataDir} names in its {@code postmaster.pid}, and its backends, if it runs. */
    public static List<ProcessHandle> postgres(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) return List.of();
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        List<ProcessHandle> server = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(postmaster -> {
            server.add(postmaster);
            postmaster.descendants().forEach(server::add);
        });
        return server;
    }

    /**
     * Waits until none of {@code processes} runs any more: an exited process is gone once its parent (for a daemon,
     * the machine's init) reaps it, which takes a moment after it exits.
     */
    static void awaitGone(List<ProcessHandle> processes) {
        Awaitility.await("the emulators' processes gone")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(processes.stream()
                                .filter(ProcessHandle::isAlive)
                                .map(p -> p.pid() + " " + p.info().command().orElse("?")))
                        .as("still running")
                        .isEmpty());
    }

    /** Kills it if a test left it running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
