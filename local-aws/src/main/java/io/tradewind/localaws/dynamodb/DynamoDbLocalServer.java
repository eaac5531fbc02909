package io.tradewind.localaws.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.tradewind.localaws.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * One region's DynamoDB: a DynamoDB Local server in this JVM with its own in-memory database, so the two regions hold
 * separate data and replication between them is something we emulate, not something we get for free.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
    private static final String NATIVE_LIBRARY = "libsqlite4java-linux-amd64.so";
    private static final Object NATIVE_LOCK = new Object();
    private static final Object CREATE_LOCK = new Object();

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private DynamoDbLocalServer(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Starts an in-memory DynamoDB Local on {@code port} (0 = a free one); natives are unpacked under workDir. */
    public static DynamoDbLocalServer start(int port, Path nativeLibDir) throws Exception {
        installSqliteNative(nativeLibDir);
        int bound = Ports.orFree(port);
        DynamoDBProxyServer server;
        // DynamoDB Local parses its arguments into shared static state: two regions starting at once corrupt it.
        synchronized (CREATE_LOCK) {
            server = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-port", Integer.toString(bound), "-disableTelemetry"});
            server.start();
        }
        return new DynamoDbLocalServer(server, URI.create("http://127.0.0.1:" + bound));
    }

    /**
     * sqlite4java loads its native library from the directory in {@code sqlite4java.library.path}; we ship the library
     * inside this jar and unpack it once per JVM so any consumer of this module works without extra set-up.
     */
    private static void installSqliteNative(Path dir) throws IOException {
        synchronized (NATIVE_LOCK) {
            if (System.getProperty("sqlite4java.library.path") != null) return;
            Files.createDirectories(dir);
            try (InputStream in = DynamoDbLocalServer.class.getResourceAsStream("native/" + NATIVE_LIBRARY)) {
                if (in == null)
                    throw new IOException(NATIVE_LIBRARY + " is missing from the local-aws jar; rebuild local-aws");
                Files.copy(in, dir.resolve(NATIVE_LIBRARY), StandardCopyOption.REPLACE_EXISTING);
            }
            System.setProperty("sqlite4java.library.path", dir.toAbsolutePath().toString());
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
