package io.tradewind.sandbox;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of a command that runs a sandbox of its own (the sandbox itself, the drill): where its emulators keep
 * their files, the Node that runs kinesalite, and fixed or free ports.
 */
public final class EmulatorOptions {
    @Option(
            names = "--work-dir",
            description = "Where the emulators keep their files (wiped at start)."
                    + " Default: target/sandbox, and target/drill for the drill")
    Path workDir;

    @Option(names = "--node", defaultValue = "node", description = "The Node executable that runs kinesalite.")
    String node = "node";

    @Option(
            names = "--ephemeral-ports",
            description = "Bind free ports instead of the sandbox's fixed ones (47001-47210), to run beside a sandbox.")
    boolean ephemeralPorts;

    @Option(
            names = "--tls",
            description = "The brokers also serve ssl:// (47105, 47205), amqp+ssl:// (47109, 47209) and stomp+ssl://"
                    + " (47110, 47210) with a certificate made at start; every client the sandbox starts connects over"
                    + " ssl://, trusting <work dir>/tls/truststore.p12.")
    boolean tls;

    /** The work directory given, or {@code target/<command>}. */
    Path workDir(String command) {
        return workDir != null ? workDir : Path.of("target", command);
    }

    /** These options, working in {@code target/<command>} unless {@code --work-dir} said otherwise. */
    public EmulatorOptions inWorkDirOf(String command) {
        workDir = workDir(command);
        return this;
    }
}
