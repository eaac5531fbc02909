package io.tradewind.platform.resilience;

/**
 * A dependency (DynamoDB, PostgreSQL, Kinesis, the broker) could not be reached after retries. The batch in hand is
 * neither acknowledged nor checkpointed; the consumer backs off and tries the whole batch again.
 */
public class DependencyUnavailableException extends RuntimeException {
    private final String dependency;

    public DependencyUnavailableException(String dependency, String message, Throwable cause) {
        super(dependency + " unavailable: " + message, cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}
