package io.tradewind.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.platform.gateway.JmsLogin;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformPropertiesTest {
    private static final URI BROKER = URI.create("tcp://127.0.0.1:47101");

    @Test
    void neverShowsTheBrokerPasswordInItsText() {
        PlatformProperties properties = new PlatformProperties(
                "us-east-1",
                null,
                new PlatformProperties.Mq(BROKER, "trade-matching", "s3cret-passw0rd", null),
                new PlatformProperties.Arc(List.of(URI.create("http://127.0.0.1:47001")), "arn:panel"),
                false);

        assertThat(properties.toString()).contains("trade-matching").doesNotContain("s3cret-passw0rd");
        assertThat(properties.mq().login().toString()).doesNotContain("s3cret-passw0rd");
        assertThat(properties.mq().login()).isEqualTo(new JmsLogin("trade-matching", "s3cret-passw0rd"));
    }

    @Test
    void takesUserAndPasswordTogetherOrNeither() {
        assertThat(new PlatformProperties.Mq(BROKER, null, null, null).login()).isNull();
        assertThatThrownBy(() -> new PlatformProperties.Mq(BROKER, "trade-matching", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tradewind.mq.password")
                .hasMessageContaining("password: not set");
        assertThatThrownBy(() -> new PlatformProperties.Mq(BROKER, null, "s3cret-passw0rd", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tradewind.mq.username")
                .hasMessageNotContaining("s3cret-passw0rd");
    }
}
