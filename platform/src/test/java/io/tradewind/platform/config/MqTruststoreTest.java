package io.tradewind.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.localaws.mq.BrokerTls;
import io.tradewind.platform.gateway.JmsConnections;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The brokers' truststore setting: bound as the environment gives it, its password never printed nor argued. */
class MqTruststoreTest {
    @TempDir
    static Path dir;

    static BrokerTls tls;

    @BeforeAll
    static void makeStores() {
        tls = BrokerTls.generate(dir.resolve("tls"));
    }

    private static Map<String, String> base() {
        return Map.of(
                "tradewind.region", "us-east-1",
                "tradewind.mq.broker-url", "ssl://127.0.0.1:47105",
                "tradewind.arc.endpoints", "http://127.0.0.1:47001");
    }

    @Test
    void bindsThePasswordFromTheEnvironmentVariableTradewindMqTruststorePassword() {
        // As the process environment is seen: Spring maps an upper-case, underscored name to its setting.
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of(
                                        "TRADEWIND_REGION", "us-east-1",
                                        "TRADEWIND_MQ_BROKERURL", "ssl://127.0.0.1:47105",
                                        "TRADEWIND_ARC_ENDPOINTS", "http://127.0.0.1:47001",
                                        "TRADEWIND_MQ_TRUSTSTORE_PATH",
                                                tls.truststore().toString(),
                                        "TRADEWIND_MQ_TRUSTSTORE_PASSWORD", tls.password())));

        PlatformProperties platform = Binder.get(environment)
                .bind("tradewind", PlatformProperties.class)
                .get();

        PlatformProperties.Truststore truststore = platform.mq().truststore();
        assertThat(truststore.path()).isEqualTo(tls.truststore());
        assertThat(truststore.type()).isEqualTo("PKCS12");
        assertThat(truststore.passwordChars()).containsExactly(tls.password().toCharArray());
        assertThat(JmsConnections.trustManagers(truststore)).isNotEmpty();
        assertThat(platform.toString()).doesNotContain(tls.password()).contains("password=***");
    }

    @Test
    void readsThePasswordFromAFile() {
        var properties = new java.util.HashMap<>(base());
        properties.put("tradewind.mq.truststore.path", tls.truststore().toString());
        properties.put(
                "tradewind.mq.truststore.password-file", tls.passwordFile().toString());

        PlatformProperties platform = new Binder(new MapConfigurationPropertySource(properties))
                .bind("tradewind", PlatformProperties.class)
                .get();

        assertThat(platform.mq().truststore().passwordChars())
                .containsExactly(tls.password().toCharArray());
        assertThat(JmsConnections.trustManagers(platform.mq().truststore())).isNotEmpty();
    }

    @Test
    void noTruststoreMeansTheJdksDefaultTrustAsOnAws() {
        PlatformProperties platform = new Binder(new MapConfigurationPropertySource(base()))
                .bind("tradewind", PlatformProperties.class)
                .get();

        assertThat(platform.mq().truststore()).isNull();
    }

    @Test
    void refusesAStoreThatIsNotThereByTheSettingsName() {
        assertThatThrownBy(() -> new PlatformProperties.Truststore(dir.resolve("missing.p12"), null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tradewind.mq.truststore.path")
                .hasMessageContaining("missing.p12");
        assertThatThrownBy(() -> new PlatformProperties.Truststore(null, "secret", null, null))
                .hasMessageContaining("tradewind.mq.truststore.path is not set");
    }

    @Test
    void refusesAWrongPasswordNamingTheStoreButNotThePassword() {
        var wrong = new PlatformProperties.Truststore(tls.truststore(), "not-the-password", null, null);

        assertThatThrownBy(() -> JmsConnections.trustManagers(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tradewind.mq.truststore " + tls.truststore())
                .hasMessageNotContaining("not-the-password");
        assertThat(wrong.toString()).doesNotContain("not-the-password");
    }
}
