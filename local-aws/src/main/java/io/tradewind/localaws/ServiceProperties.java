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
    /** The access key and secret key every service presents to the emulators, which check neither. */
    public static final String EMULATOR_CREDENTIAL = "local";

    /** Where KCL's CloudWatch client points in the sandbox, whose KCL metrics are off: a port nothing listens on. */
    public static final String NO_CLOUDWATCH = "http://127.0.0.1:9";

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
        // The AWS side as Spring Cloud AWS takes it: the region, dummy credentials the emulators accept, and each
        // emulated service's endpoint. On AWS only the region is set (from TRADEWIND_REGION, in application-aws.yml).
        properties.put("spring.cloud.aws.region.static", region.name());
        properties.put("spring.cloud.aws.credentials.access-key", EMULATOR_CREDENTIAL);
        properties.put("spring.cloud.aws.credentials.secret-key", EMULATOR_CREDENTIAL);
        properties.put(
                "spring.cloud.aws.kinesis.endpoint", region.kinesisEndpoint().toString());
        properties.put(
                "spring.cloud.aws.dynamodb.endpoint", region.dynamoDbEndpoint().toString());
        // KCL wants a CloudWatch client even with its metrics off, as they are here: pointed where nothing answers.
        properties.put("spring.cloud.aws.cloudwatch.endpoint", NO_CLOUDWATCH);
        properties.put("tradewind.aws.kinesis-cbor", "false"); // kinesalite answers JSON only
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
