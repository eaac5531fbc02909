package io.tradewind.platform.resilience;

/**
 * A dependency answered, and refused this input: a value a column cannot hold, a key over a store's size limit, a
 * constraint the input breaks. Retrying cannot help and the dependency is healthy, so no retry, no circuit breaker:
 * the input is taken out of its batch and quarantined, and the rest goes on.
 */
public class InputRefusedException extends RuntimeException {
    private final String dependency;

    public InputRefusedException(String dependency, String reason, Throwable cause) {
        super(dependency + " refused the input: " + reason, cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }

    /** The quarantine reason this refusal is filed under, e.g. {@code REFUSED_BY_POSTGRES}. */
    public String quarantineReason() {
        return "REFUSED_BY_" + dependency.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
