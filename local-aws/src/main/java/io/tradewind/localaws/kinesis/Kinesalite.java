package io.tradewind.localaws.kinesis;

import io.tradewind.localaws.node.NodeEmulator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/** One region's Kinesis endpoint: a kinesalite process on the machine's Node, in memory. */
public final class Kinesalite implements AutoCloseable {
    private final NodeEmulator process;

    private Kinesalite(NodeEmulator process) {
        this.process = process;
    }

    /** Starts kinesalite on {@code port} (0 = a free one) and waits until it listens. */
    public static Kinesalite start(String nodeExecutable, int port, Path logFile) throws IOException {
        return new Kinesalite(NodeEmulator.start(
                "kinesalite",
                nodeExecutable,
                "kinesalite-launcher.js",
                List.of("--port", Integer.toString(port), "--shardLimit", "10000"),
                logFile));
    }

    public URI endpoint() {
        return process.endpoint();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    @Override
    public void close() {
        process.close();
    }

    /** Kills its Node process at once, without waiting: for a JVM that halts. */
    public void kill() {
        process.kill();
    }
}
