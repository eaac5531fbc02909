package io.tradewind.localaws;

import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.localaws.mq.BrokerTls;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.App;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration a service gets in one emulated region: the property names it reads on AWS (where an ECS task
 * definition sets them), with this sandbox's endpoints as values. The sandbox and integration tests both use it. Each
 * service logs in to the brokers as its identity ({@link #identityOf(String)}); the password is a property of the
 * service's Spring environment in this process, never a command-line argument.
 */
public final class ServiceProperties {
    private ServiceProperties() {}

    /**
     * The identity {@code app}'s services log in with: each matching app its own, every other service (the ops console,
     * reconciliation, the generator's region gate) the operator's. The generator posts as the participants it posts
     * for, with their own logins.
     */
    public static ServiceIdentity identityOf(String app) {
        return App.ids().contains(app) ? ServiceIdentity.of(App.of(app)) : ServiceIdentity.OPERATOR;
    }

    public static Map<String, Object> forRegion(LocalAws aws, String regionName, String app) {
        EmulatedRegion region = aws.region(regionName);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.application.name", app + "-" + region.name());
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.main.web-application-type", "none");
        properties.put("tradewind.region", region.name());
        properties.put(
                "tradewind.aws.kinesis-endpoint", region.kinesisEndpoint().toString());
        properties.put(
                "tradewind.aws.dynamodb-endpoint", region.dynamoDbEndpoint().toString());
        properties.put("tradewind.aws.local-emulators", "true");
        properties.put("tradewind.provision-resources", "true");
        properties.put("tradewind.mq.broker-url", region.brokerUri().toString());
        // With TLS the URL is ssl://, and the service trusts the sandbox's certificate; the password stays in its file.
        aws.brokerTls().ifPresent(tls -> {
            properties.put("tradewind.mq.truststore.path", tls.truststore().toString());
            properties.put(
                    "tradewind.mq.truststore.password-file", tls.passwordFile().toString());
            properties.put("tradewind.mq.truststore.type", BrokerTls.STORE_TYPE);
        });
        BrokerLogin login = aws.login(identityOf(app));
        properties.put("tradewind.mq.username", login.user());
        properties.put("tradewind.mq.password", login.password());
        properties.put(
                "tradewind.arc.endpoints",
                aws.arc().endpoints().stream().map(URI::toString).collect(Collectors.joining(",")));
        properties.put("tradewind.arc.control-panel-arn", aws.arc().controlPanelArn());
        properties.put("spring.datasource.url", region.postgresJdbcUrl());
        properties.put("spring.datasource.username", region.postgresUser());
        properties.put("spring.datasource.password", region.postgresPassword());
        aws.globalDatabaseEndpoint()
                .ifPresent(endpoint -> properties.put("tradewind.aws.global-database-endpoint", endpoint.toString()));
        return properties;
    }
}
