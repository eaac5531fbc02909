package io.tradewind.platform.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.platform.resilience.DependencyGuard;
import io.tradewind.platform.resilience.DependencyUnavailableException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bounds every PostgreSQL client gets, and what their firing means to a stage: try again later. */
class PostgresTimeoutsTest {

    @Test
    void givesTheDriverItsOwnBoundsAndTheServerSessionsTheirs() {
        assertThat(PostgresTimeouts.driverProperties())
                .containsEntry("connectTimeout", "5")
                .containsEntry("loginTimeout", "5")
                .containsEntry("socketTimeout", "30")
                .containsEntry(
                        "options",
                        "-c statement_timeout=15s -c lock_timeout=5s -c idle_in_transaction_session_timeout=60s")
                .hasSize(4);
    }

    @Test
    void tellsAStatementOrLockTimeoutFromTheStoreRefusingAnInput() {
        assertThat(PostgresTimeouts.isTimeout(new IllegalStateException(
                        "wrapped by an adapter",
                        new SQLException("canceling statement due to statement timeout", "57014"))))
                .isTrue();
        assertThat(PostgresTimeouts.isTimeout(new SQLException("could not obtain lock on row", "55P03")))
                .isTrue();
        assertThat(PostgresTimeouts.isTimeout(new SQLException("value too long for type character varying", "22001")))
                .isFalse();
        assertThat(PostgresTimeouts.isTimeout(new SQLException("no state"))).isFalse();
    }

    @Test
    void aStatementOrLockTimeoutIsRetriedAndSurfacesAsTheDependencyBeingUnavailable() {
        for (String state : new String[] {PostgresTimeouts.QUERY_CANCELED, PostgresTimeouts.LOCK_NOT_AVAILABLE}) {
            DependencyGuard guard =
                    DependencyGuard.forDependency("postgres", 3, Duration.ofMillis(1), Duration.ofSeconds(5));
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(() -> guard.run(() -> {
                        attempts.incrementAndGet();
                        throw new RuntimeException(new SQLException("bound fired", state));
                    }))
                    .as(state)
                    .isInstanceOf(DependencyUnavailableException.class);
            assertThat(attempts).as(state + " retried").hasValue(3);
        }
    }
}
