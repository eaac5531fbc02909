package io.tradewind.localaws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

class PortTakenTest {

    @Test
    void recognisesAPortTakenBetweenPickAndBindWhereverItIsWrapped() {
        Exception jetty = new IllegalStateException(
                "region us-west-2 did not start", new IOException("Failed to bind to 0.0.0.0/0.0.0.0:36841"));
        Exception suppressed = new IllegalStateException("region us-east-1 did not start");
        suppressed.addSuppressed(new IllegalStateException("x", new BindException("Address already in use")));

        assertThat(LocalAws.isPortTaken(jetty)).isTrue();
        assertThat(LocalAws.isPortTaken(suppressed)).isTrue();
    }

    @Test
    void doesNotRetryOtherFailures() {
        assertThat(LocalAws.isPortTaken(new IllegalStateException("node: command not found")))
                .isFalse();
    }
}
