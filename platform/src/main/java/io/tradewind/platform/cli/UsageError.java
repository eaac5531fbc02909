package io.tradewind.platform.cli;

/**
 * A mistake in how a command was called that its options could not catch (a secret that is missing, a file that
 * cannot be read, a region the sandbox does not run): {@link CommandLines} prints its message as one line, exit code 2.
 */
public final class UsageError extends RuntimeException {
    public UsageError(String message) {
        super(message);
    }

    public UsageError(String message, Throwable cause) {
        super(message, cause);
    }
}
