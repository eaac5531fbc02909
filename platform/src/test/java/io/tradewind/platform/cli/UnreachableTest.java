package io.tradewind.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Which endpoint a failure came from, and what was wrong with it, in one sentence. */
class UnreachableTest {
    private static final Endpoint DYNAMODB =
            new Endpoint(Endpoint.DYNAMODB, "http://127.0.0.1:47203", "us-west-2", true);
    private static final Endpoint KINESIS = new Endpoint(Endpoint.KINESIS, "http://127.0.0.1:47202", "us-west-2", true);
    private static final Endpoint POSTGRES =
            new Endpoint(Endpoint.POSTGRESQL, "jdbc:postgresql://127.0.0.1:47204/tradewind", "us-west-2", true);
    private static final Endpoint BROKER = new Endpoint(Endpoint.BROKER, "tcp://127.0.0.1:47101", "us-east-1", true);
    private static final List<Endpoint> RECONCILIATION = List.of(DYNAMODB, KINESIS, POSTGRES);

    @Test
    void aMissingTableIsTheSandboxNotRunningThere() {
        ResourceNotFoundException missing = ResourceNotFoundException.builder()
                .message("Cannot do operations on a non-existent table")
                .build();

        assertThat(Unreachable.explain(missing, RECONCILIATION))
                .contains("DynamoDB at http://127.0.0.1:47203 (us-west-2) has no such table (Cannot do operations on a"
                        + " non-existent table): is the sandbox running?");
    }

    @Test
    void aRefusedConnectionIsNamedByTheAddressInTheMessage() {
        SdkClientException refused = SdkClientException.builder()
                .message("Unable to execute HTTP request: Connect to 127.0.0.1:47202 [/127.0.0.1] failed")
                .cause(new ConnectException("Connection refused"))
                .build();

        assertThat(Unreachable.explain(refused, RECONCILIATION))
                .contains("cannot reach Kinesis at http://127.0.0.1:47202 (us-west-2): is the sandbox running?");
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsPostgres() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:47204 refused", "08001");

        assertThat(Unreachable.explain(refused, RECONCILIATION))
                .contains("cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:47204/tradewind (us-west-2): is the"
                        + " sandbox running?");
    }

    @Test
    void aRefusedLoginSaysSo() {
        JMSSecurityException refused = new JMSSecurityException("User name [BRK042] or password is invalid.");

        assertThat(Unreachable.explain(refused, List.of(BROKER)))
                .contains("the broker at tcp://127.0.0.1:47101 (us-east-1) refused the login: User name [BRK042] or"
                        + " password is invalid.");
    }

    @Test
    void awayFromTheSandboxTheCauseIsNamedInstead() {
        Endpoint aws = new Endpoint(Endpoint.BROKER, "ssl://b-1.mq.us-east-1.amazonaws.com:61617", "us-east-1", false);
        JMSException refused = new JMSException("Could not connect");
        refused.initCause(new ConnectException("Connection timed out"));

        assertThat(Unreachable.explain(refused, List.of(aws)))
                .contains("cannot reach the broker at ssl://b-1.mq.us-east-1.amazonaws.com:61617 (us-east-1):"
                        + " Connection timed out");
    }

    /** A command that tried every region throws one failure, each region's suppressed in it. */
    @Test
    void aFailureOfEveryRegionIsExplainedByWhatItSuppressed() {
        IllegalStateException none = new IllegalStateException("no region's audit could be read");
        none.addSuppressed(SdkClientException.builder()
                .message("Unable to execute HTTP request: Connect to 127.0.0.1:47203 failed")
                .cause(new ConnectException("Connection refused"))
                .build());

        assertThat(Unreachable.explain(none, RECONCILIATION))
                .contains("cannot reach DynamoDB at http://127.0.0.1:47203 (us-west-2): is the sandbox running?");
    }

    @Test
    void otherFailuresAreNotExplainedHere() {
        assertThat(Unreachable.explain(new IllegalStateException("a bug"), RECONCILIATION))
                .isEmpty();
        assertThat(Unreachable.explain(new SQLException("duplicate key", "23505"), RECONCILIATION))
                .isEmpty();
    }
}
