package io.tradewind.sandbox.console;

import io.tradewind.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

/**
 * One sandbox for every console test class of the run (a sandbox costs about a minute to start): started by the first
 * class that asks, kept in the root store, closed when the run ends. Classes {@code @ExtendWith(ConsoleSandbox.class)}
 * and read it with {@link #get()}.
 */
public final class ConsoleSandbox implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConsoleSandbox.class);
    private static volatile Sandbox started;

    @Override
    public void beforeAll(ExtensionContext context) {
        started = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(Started.class, key -> Started.start(), Started.class)
                .sandbox;
    }

    /** The started sandbox; its generator is Off, both apps active in us-east-1. */
    public static Sandbox get() {
        Sandbox sandbox = started;
        if (sandbox == null)
            throw new IllegalStateException("annotate the test class @ExtendWith(ConsoleSandbox.class)");
        return sandbox;
    }

    /** The sandbox and its work directory, closed with the root store. */
    private record Started(Sandbox sandbox) implements ExtensionContext.Store.CloseableResource {
        static Started start() {
            try {
                Path workDir = Files.createTempDirectory("console-sandbox");
                Sandbox sandbox = new Sandbox();
                new CommandLine(sandbox)
                        .parseArgs("--ephemeral-ports", "--work-dir", workDir.toString(), "--generator-rate", "20");
                sandbox.start();
                return new Started(sandbox);
            } catch (Exception e) {
                throw new IllegalStateException("the console's sandbox did not start: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws Exception {
            sandbox.close();
        }
    }
}
