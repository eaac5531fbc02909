package io.tradewind.localaws.arc;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One emulated regional cluster endpoint: an HTTP server on 127.0.0.1 serving a shared
 * {@link RoutingControlCluster}. Real clusters have five such endpoints and clients try each in
 * turn, so endpoints start and stop independently to make that failover testable.
 */
public final class ArcClusterEndpoint implements AutoCloseable {

    /** Request threads per endpoint: enough for concurrent SDK calls, small enough for a 2-core CI box. */
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private volatile boolean running;

    private ArcClusterEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Binds 127.0.0.1:{@code port} (0 picks a free port) and starts serving {@code cluster}.
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static ArcClusterEndpoint start(RoutingControlCluster cluster, int port) {
        Objects.requireNonNull(cluster, "cluster");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind ARC endpoint to 127.0.0.1:" + port, e);
        }
        int boundPort = server.getAddress().getPort();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "arc-endpoint-" + boundPort + "-" + threadNumber.incrementAndGet());
            // Daemon so a forgotten endpoint never keeps a test JVM alive.
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", new ArcJsonProtocolHandler(cluster));
        server.setExecutor(executor);
        ArcClusterEndpoint endpoint = new ArcClusterEndpoint(server, executor);
        server.start();
        endpoint.running = true;
        return endpoint;
    }

    /** The bound port (the real one when started with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Base URI for the SDK's {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    public boolean isRunning() {
        return running;
    }

    /** Stops accepting connections and closes open ones; the shared cluster state is untouched. Idempotent. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        // Delay 0: a stopped endpoint should look like an unreachable region immediately.
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "ArcClusterEndpoint[" + endpoint + (running ? "" : ", stopped") + "]";
    }
}
