package io.tradewind.platform.resilience;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Tells "the store refuses this input" from "the store is unavailable" by what the store answered. Everything not
 * recognised here as a refusal is treated as the dependency failing (retried, counted by the breaker), which is the safe
 * side: a refusal mistaken for an outage stalls a batch, an outage mistaken for a refusal would quarantine healthy
 * input.
 */
public final class Refusals {
    /**
     * PostgreSQL SQLState classes that describe the data, not the server: 22 data exception (a NUL byte, a number a
     * column cannot hold, text too long), 23 integrity constraint violation, 54 program limit exceeded (an index row
     * over its size limit). Timeouts (57014 query_canceled, 55P03 lock_not_available) and connection failures (08) are
     * in other classes and stay transient.
     */
    private static final Set<String> POSTGRES_DATA_CLASSES = Set.of("22", "23", "54");

    /** AWS error codes that mean the request itself is invalid (an oversized key, item or record), not throttling. */
    private static final Set<String> AWS_INPUT_ERRORS =
            Set.of("ValidationException", "ItemCollectionSizeLimitExceededException", "InvalidArgumentException");

    private Refusals() {}

    /** Why {@code error} (or an error it wraps) is the store refusing the input, if it is. */
    public static Optional<String> refusalOf(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InputRefusedException refused) return Optional.of(refused.getMessage());
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().length() == 5) {
                if (POSTGRES_DATA_CLASSES.contains(sql.getSQLState().substring(0, 2)))
                    return Optional.of("SQLState " + sql.getSQLState() + ": " + sql.getMessage());
            }
            if (cause instanceof AwsServiceException aws
                    && aws.awsErrorDetails() != null
                    && AWS_INPUT_ERRORS.contains(aws.awsErrorDetails().errorCode()))
                return Optional.of(aws.awsErrorDetails().errorCode() + ": "
                        + aws.awsErrorDetails().errorMessage());
            if (cause.getCause() == cause) break;
        }
        return Optional.empty();
    }
}
