package io.tradewind.platform.probe;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Asks the service in this container for one of its health groups and exits 0 when it answers 200 (UP), 1 otherwise:
 * the command of the ECS container health check. {@code java -cp @/app/jib-classpath-file
 * io.tradewind.platform.probe.HealthCheck readiness} (or {@code liveness}); the port is {@code SERVER_PORT}, 8080
 * unless set.
 */
public final class HealthCheck {
    public static final String LIVENESS = "liveness";
    public static final String READINESS = "readiness";

    /** The health endpoint's path of a group, as Spring Boot's actuator serves it. */
    public static String pathOf(String group) {
        return "/actuator/health/" + group;
    }

    /** The port the image's services listen on (the shared contract's container port) unless SERVER_PORT says. */
    public static final int DEFAULT_PORT = 8080;

    /** Below ECS's health check timeout (5 s by default), so a hung service counts as a failed check, not a timeout. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** Where Jib writes the image's classpath, which the entry point and this command read. */
    public static final String IMAGE_CLASSPATH = "@/app/jib-classpath-file";

    private HealthCheck() {}

    /**
     * The command a container health check runs (ECS's {@code healthCheck.command} after {@code "CMD"}, docker-compose's
     * {@code test}): a small, quick JVM beside the service's, which exits 0 when {@code group} is UP.
     */
    public static List<String> command(String group) {
        return List.of(
                "java",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xmx32m",
                "-cp",
                IMAGE_CLASSPATH,
                HealthCheck.class.getName(),
                group);
    }

    public static void main(String[] args) {
        // The process entry point is the one place an exit status is set: ECS reads it.
        System.exit(run(args, System.getenv(), System.err));
    }

    /** @return 0 when the group answered 200, 1 when it answered anything else or nothing, 2 for a wrong argument */
    static int run(String[] args, Map<String, String> environment, PrintStream err) {
        String group = args.length == 0 ? READINESS : args[0];
        if (args.length > 1 || !(group.equals(LIVENESS) || group.equals(READINESS))) {
            err.println("usage: HealthCheck [liveness|readiness] (default readiness)");
            return 2;
        }
        String port = environment.getOrDefault("SERVER_PORT", String.valueOf(DEFAULT_PORT));
        if (!port.matches("[0-9]{1,5}")) {
            err.println("SERVER_PORT " + port + " is not a port number");
            return 2;
        }
        URI uri = URI.create("http://127.0.0.1:" + port + pathOf(group));
        try {
            int status = status(uri);
            if (status == 200) return 0;
            err.println(uri + " answered " + status);
            return 1;
        } catch (IOException e) {
            err.println(uri + " did not answer: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    static int status(URI uri) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
