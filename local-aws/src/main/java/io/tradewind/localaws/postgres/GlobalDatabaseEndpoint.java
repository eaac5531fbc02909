package io.tradewind.localaws.postgres;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane of the emulated global databases, for an SRE's command line in another process (the ops console's
 * runbook) to do what {@code aws rds describe-global-clusters / switchover-global-cluster / failover-global-cluster}
 * do on AWS. JSON over HTTP on 127.0.0.1:
 *
 * <ul>
 *   <li>{@code GET /global-databases}: {@code [{"cluster","writer","standby","lagMillis","moving"}, ...]}, {@code
 *       moving} while a switchover or failover of the cluster is under way (as RDS shows a global cluster
 *       switching over, also to a caller that stopped waiting for it)
 *   <li>{@code POST /global-databases/{cluster}/switchover?target=R[&timeoutMillis=30000]}: 200 {@code {"cluster",
 *       "writer"}} once R is the writer (at once if it already is); 409 when lag did not reach 0 in time (nothing
 *       changed) or R must be rejoined first
 *   <li>{@code POST /global-databases/{cluster}/failover?target=R}: 200 {@code {"cluster","writer","lostChanges",
 *       "lostMillis"}}
 *   <li>{@code POST /global-databases/{cluster}/rejoin?region=R}: 200 {@code {"cluster","writer","region",
 *       "copiedRows"}}
 * </ul>
 *
 * An unknown cluster or region, or a missing or malformed parameter, is a 400; every error body is
 * {@code {"error":"..."}}.
 */
public final class GlobalDatabaseEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GlobalDatabaseEndpoint.class);

    public static final String PATH = "/global-databases";
    /** How long a switchover waits for the lag to reach 0 when the request does not say. */
    public static final Duration DEFAULT_SWITCHOVER_TIMEOUT = Duration.ofSeconds(30);

    /** A switchover blocks its thread while it waits: one per cluster and a few to describe meanwhile. */
    private static final int THREADS = 4;

    private static final Pattern ACTION = Pattern.compile(PATH + "/([^/]+)/([^/]+)/?");

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, PostgresReplicator> clusters;
    private final ObjectMapper mapper = new ObjectMapper();
    /** The clusters a switchover or failover is moving now. */
    private final Set<String> moving = ConcurrentHashMap.newKeySet();

    private GlobalDatabaseEndpoint(
            HttpServer server, ExecutorService executor, Map<String, PostgresReplicator> clusters) {
        this.server = server;
        this.executor = executor;
        this.clusters = clusters;
    }

    /**
     * Binds 127.0.0.1:{@code port} (0 picks a free port) and serves {@code clusters}, each under its
     * {@link PostgresReplicator#cluster() name}.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static GlobalDatabaseEndpoint start(Collection<PostgresReplicator> clusters, int port) {
        Map<String, PostgresReplicator> byName = new LinkedHashMap<>();
        for (PostgresReplicator cluster : clusters)
            if (byName.put(cluster.cluster(), cluster) != null)
                throw new IllegalArgumentException("two global databases named " + cluster.cluster());
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the global database endpoint to 127.0.0.1:" + port, e);
        }
        int boundPort = server.getAddress().getPort();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(
                    runnable, "global-database-endpoint-" + boundPort + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true); // a forgotten endpoint never keeps a test JVM alive
            return thread;
        });
        GlobalDatabaseEndpoint endpoint =
                new GlobalDatabaseEndpoint(server, executor, Collections.unmodifiableMap(byName));
        server.createContext("/", endpoint::handle);
        server.setExecutor(executor);
        server.start();
        return endpoint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URI, e.g. {@code http://127.0.0.1:47005}; the resources are below {@value #PATH}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** An answer: status and JSON body. */
    private record Reply(int status, Object body) {}

    /** A request that cannot be served as asked: answered with {@code status} and the message. */
    private static final class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            // Drain the body first: answering before reading it breaks keep-alive connections.
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            Reply reply;
            try {
                reply = dispatch(exchange);
            } catch (Refused e) {
                reply = error(e.status, e.getMessage());
            } catch (IllegalArgumentException e) {
                reply = error(400, e.getMessage());
            } catch (IllegalStateException e) {
                reply = error(409, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply = error(503, "interrupted: the endpoint is stopping");
            } catch (RuntimeException e) {
                log.warn("global database request {} failed", exchange.getRequestURI(), e);
                reply = error(500, "internal error: " + e);
            }
            byte[] body = mapper.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            exchange.close();
        }
    }

    private Reply dispatch(HttpExchange exchange) throws InterruptedException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (path.equals(PATH) || path.equals(PATH + "/")) {
            requireMethod(method, "GET", path);
            ArrayNode list = mapper.createArrayNode();
            for (PostgresReplicator cluster : clusters.values())
                list.addObject()
                        .put("cluster", cluster.cluster())
                        .put("writer", cluster.writer())
                        .put("standby", cluster.standby())
                        .put("lagMillis", cluster.lagMillis())
                        .put("moving", moving.contains(cluster.cluster()));
            return new Reply(200, list);
        }
        Matcher action = ACTION.matcher(path);
        if (!action.matches())
            throw new Refused(
                    404,
                    "no resource " + path + "; try GET " + PATH + " or POST " + PATH
                            + "/{cluster}/{switchover|failover|rejoin}");
        requireMethod(method, "POST", path);
        PostgresReplicator cluster = clusters.get(action.group(1));
        if (cluster == null)
            throw new IllegalArgumentException("no global database " + action.group(1) + "; have " + clusters.keySet());
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        switch (action.group(2)) {
            case "switchover" -> {
                String target = required(query, "target");
                Duration timeout = timeout(query);
                boolean switched;
                moving.add(cluster.cluster());
                try {
                    switched = cluster.switchover(target, timeout);
                } finally {
                    moving.remove(cluster.cluster());
                }
                if (!switched)
                    throw new IllegalStateException("replication lag of " + cluster.cluster() + " did not reach 0"
                            + " within " + timeout.toMillis() + " ms (lag now " + cluster.lagMillis() + " ms);"
                            + " the writer is still " + cluster.writer());
                return new Reply(200, writerOf(cluster));
            }
            case "failover" -> {
                String target = required(query, "target");
                PostgresReplicator.FailoverResult result;
                moving.add(cluster.cluster());
                try {
                    result = cluster.failover(target);
                } finally {
                    moving.remove(cluster.cluster());
                }
                return new Reply(
                        200,
                        writerOf(cluster)
                                .put("lostChanges", result.lostChanges())
                                .put("lostMillis", result.lostMillis()));
            }
            case "rejoin" -> {
                String region = required(query, "region");
                long copied = cluster.rejoin(region);
                return new Reply(200, writerOf(cluster).put("region", region).put("copiedRows", copied));
            }
            default ->
                throw new Refused(
                        404, "no action " + action.group(2) + "; the actions are switchover, failover and rejoin");
        }
    }

    private ObjectNode writerOf(PostgresReplicator cluster) {
        return mapper.createObjectNode().put("cluster", cluster.cluster()).put("writer", cluster.writer());
    }

    private Reply error(int status, String message) {
        return new Reply(status, mapper.createObjectNode().put("error", message));
    }

    private static void requireMethod(String method, String expected, String path) {
        if (!expected.equals(method)) throw new Refused(405, path + " accepts " + expected + ", not " + method);
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank())
            throw new IllegalArgumentException("query parameter " + name + " is missing");
        return value;
    }

    private static Duration timeout(Map<String, String> query) {
        String value = query.get("timeoutMillis");
        if (value == null) return DEFAULT_SWITCHOVER_TIMEOUT;
        try {
            long millis = Long.parseLong(value);
            if (millis < 0) throw new NumberFormatException();
            return Duration.ofMillis(millis);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("timeoutMillis " + value + " is not a number of milliseconds >= 0");
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) return parameters;
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.put(name, value);
        }
        return parameters;
    }

    /** Stops accepting requests; the clusters are untouched. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "GlobalDatabaseEndpoint[" + endpoint() + PATH + "]";
    }
}
