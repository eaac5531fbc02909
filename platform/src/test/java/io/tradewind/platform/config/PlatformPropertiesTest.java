package io.tradewind.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.topology.TaskEnvironment;
import io.tradewind.platform.gateway.JmsLogin;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class PlatformPropertiesTest {
    private static final URI BROKER = URI.create("tcp://127.0.0.1:47101");

    @Test
    void neverShowsTheBrokerPasswordInItsText() {
        PlatformProperties properties = new PlatformProperties(
                "us-east-1",
                null,
                new PlatformProperties.Mq(BROKER, "trade-matching", "s3cret-passw0rd", null),
                new PlatformProperties.Arc(List.of(URI.create("http://127.0.0.1:47001")), "arn:panel", null),
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

    @Test
    void takesARoutingControlsArnFromTheListAndDerivesTheOthersFromThePanel() {
        PlatformProperties.Arc arc = new PlatformProperties.Arc(
                List.of(URI.create("https://host-a.example/v1")),
                "arn:aws:route53-recovery-control::111122223333:controlpanel/0123abcd",
                List.of(
                        "trade-matching-inbound-us-east-1=arn:aws:route53-recovery-control::111122223333:controlpanel/"
                                + "0123abcd/routingcontrol/9f8e7d6c",
                        " generator = arn:aws:route53-recovery-control::111122223333:controlpanel/0123abcd/"
                                + "routingcontrol/55aa"));

        assertThat(arc.routingControlArn("trade-matching", "inbound", "us-east-1"))
                .isEqualTo(
                        "arn:aws:route53-recovery-control::111122223333:controlpanel/0123abcd/routingcontrol/9f8e7d6c");
        assertThat(arc.routingControlArn("generator"))
                .isEqualTo("arn:aws:route53-recovery-control::111122223333:controlpanel/0123abcd/routingcontrol/55aa");
        assertThat(arc.routingControlArn("trade-matching", "inbound", "us-west-2"))
                .as("a control not listed: the panel's ARN and its name, as the sandbox names it")
                .isEqualTo("arn:aws:route53-recovery-control::111122223333:controlpanel/0123abcd/routingcontrol/"
                        + "trade-matching-inbound-us-west-2");
        PlatformProperties properties = new PlatformProperties(
                "us-east-1", null, new PlatformProperties.Mq(BROKER, null, null, null), arc, false);
        assertThat(properties.routingControlArn("trade-matching", "inbound")).endsWith("/routingcontrol/9f8e7d6c");
    }

    @Test
    void refusesARoutingControlArnEntryThatIsNotNameEqualsArn() {
        List<URI> endpoints = List.of(URI.create("https://host-a.example/v1"));
        assertThatThrownBy(() -> new PlatformProperties.Arc(endpoints, "arn:panel", List.of("generator")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tradewind.arc.routing-control-arns entry 'generator' is not name=arn");
        assertThatThrownBy(() -> new PlatformProperties.Arc(endpoints, "arn:panel", List.of("=arn:x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tradewind.arc.routing-control-arns entry '=arn:x' is not name=arn");
        assertThatThrownBy(() -> new PlatformProperties.Arc(
                        endpoints, "arn:panel", List.of("generator=arn:a", "generator=arn:b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tradewind.arc.routing-control-arns names generator twice");
    }

    @Test
    void bindsTheRoutingControlArnsFromTheVariableAnEcsTaskPasses() {
        Map<String, Object> environment = new LinkedHashMap<>();
        environment.put(TaskEnvironment.REGION, "us-west-2");
        environment.put(TaskEnvironment.MQ_BROKER_URL, "failover:(ssl://b-1.example:61617,ssl://b-2.example:61617)");
        environment.put(TaskEnvironment.ARC_ENDPOINTS, "https://host-a.example/v1,https://host-b.example/v1");
        environment.put(TaskEnvironment.ARC_CONTROL_PANEL_ARN, "arn:aws:route53-recovery-control::1:controlpanel/p");
        environment.put(
                TaskEnvironment.ARC_ROUTING_CONTROL_ARNS,
                "trade-matching-inbound-us-west-2=arn:aws:route53-recovery-control::1:controlpanel/p/routingcontrol/a1,"
                        + "generator=arn:aws:route53-recovery-control::1:controlpanel/p/routingcontrol/b2");
        Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                // Spring reads a source as the process environment (MY_VARIABLE for my.variable) by this name.
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)));

        PlatformProperties properties =
                binder.bind("tradewind", PlatformProperties.class).get();

        assertThat(properties.arc().endpoints()).hasSize(2);
        assertThat(properties.routingControlArn("trade-matching", "inbound")).endsWith("/routingcontrol/a1");
        assertThat(properties.arc().routingControlArn("generator")).endsWith("/routingcontrol/b2");
        assertThat(properties.routingControlArn("trade-matching", "processing"))
                .endsWith("/routingcontrol/trade-matching-processing-us-west-2");
    }
}
