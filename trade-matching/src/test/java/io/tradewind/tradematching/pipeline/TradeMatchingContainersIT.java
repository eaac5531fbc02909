package io.tradewind.tradematching.pipeline;

import static io.tradewind.tradematching.pipeline.TradeMessages.aBrokerTrade;
import static io.tradewind.tradematching.pipeline.TradeMessages.anInvestmentManagerTrade;
import static org.awaitility.Awaitility.await;

import io.tradewind.localaws.junit.QueueProbe;
import io.tradewind.localaws.mq.BrokerLogin;
import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.Role;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.topology.App;
import io.tradewind.model.values.ParticipantId;
import io.tradewind.model.wire.WireJson;
import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.aws.AwsSettings;
import io.tradewind.platform.participant.DynamoDbParticipantRegistry;
import io.tradewind.platform.regiongate.PinnedOnRoutingControls;
import io.tradewind.tradematching.TradeMatchingApplication;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The trade-matching pipeline, all five stages, on containers instead of the sandbox's emulators: Kinesis and DynamoDB
 * on LocalStack, ActiveMQ Classic and PostgreSQL, the images and broker configuration of docker-compose.yml, one region
 * with its gates pinned On (LocalStack has no ARC). A trade pair posted on MQ is answered MATCHED to both sides.
 *
 * <p>Runs only where Docker exists, in the {@code testcontainers} profile ({@code ./mvnw -B -Ptestcontainers verify -pl
 * shared-model,local-aws,platform,trade-matching -Dit.test=TradeMatchingContainersIT}); without Docker it is skipped.
 * The same path is tested on the emulators by {@link TradeMatchingIT}, which every build runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class TradeMatchingContainersIT {
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final String REGION = "us-east-1";
    private static final int OPENWIRE = 61616;

    @Container
    static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(composeImage("localstack")).withServices("kinesis", "dynamodb", "cloudwatch");

    @Container
    static final PostgreSQLContainer POSTGRES =
            new PostgreSQLContainer(composeImage("postgres")).withDatabaseName("tradewind");

    @Container
    static final GenericContainer<?> ACTIVEMQ = new GenericContainer<>(composeImage("activemq"))
            .withCopyFileToContainer(
                    MountableFile.forHostPath(REPOSITORY.resolve("docker/activemq/activemq.xml")),
                    "/opt/apache-activemq/conf/activemq.xml")
            .withExposedPorts(OPENWIRE)
            .waitingFor(Wait.forListeningPort());

    private static ConfigurableApplicationContext app;
    private static DynamoDbClient dynamoDb;
    private static URI brokerUri;
    private static Map<String, String> brokerUsers;

    @BeforeAll
    static void startTradeMatching() throws IOException {
        brokerUsers = brokerUsers();
        brokerUri = URI.create("tcp://" + ACTIVEMQ.getHost() + ":" + ACTIVEMQ.getMappedPort(OPENWIRE));
        URI aws = LOCALSTACK.getEndpoint();
        // The counterparties are registered as onboarding registers them (docker-compose's init step does the same).
        dynamoDb = new AwsClientFactory(AwsSettings.local(REGION, aws, aws)).dynamoDb();
        DynamoDbParticipantRegistry registry = DynamoDbParticipantRegistry.of(dynamoDb);
        registry.provision();
        registry.addIfAbsent(Participant.onboard(new ParticipantId("BRK001"), Set.of(Role.BROKER), Instant.now()));
        registry.addIfAbsent(
                Participant.onboard(new ParticipantId("IM042"), Set.of(Role.INVESTMENT_MANAGER), Instant.now()));

        String service = ServiceIdentity.of(App.TRADE_MATCHING).user();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.main.banner-mode", "off");
        properties.put("spring.main.web-application-type", "none");
        properties.put("tradewind.region", REGION);
        properties.put("spring.cloud.aws.region.static", REGION);
        properties.put("spring.cloud.aws.credentials.access-key", LOCALSTACK.getAccessKey());
        properties.put("spring.cloud.aws.credentials.secret-key", LOCALSTACK.getSecretKey());
        properties.put("spring.cloud.aws.kinesis.endpoint", aws.toString());
        properties.put("spring.cloud.aws.dynamodb.endpoint", aws.toString());
        properties.put("spring.cloud.aws.cloudwatch.endpoint", aws.toString());
        properties.put("tradewind.provision-resources", "true");
        properties.put("tradewind.mq.broker-url", brokerUri.toString());
        properties.put("tradewind.mq.username", service);
        properties.put("tradewind.mq.password", brokerUsers.get(service));
        properties.put(PinnedOnRoutingControls.PROPERTY, "true");
        properties.put("tradewind.arc.endpoints", aws.toString()); // never read: the gates are pinned On
        properties.put(
                "tradewind.arc.control-panel-arn", "arn:aws:route53-recovery-control::000000000000:controlpanel/t");
        properties.put("spring.datasource.url", POSTGRES.getJdbcUrl());
        properties.put("spring.datasource.username", POSTGRES.getUsername());
        properties.put("spring.datasource.password", POSTGRES.getPassword());
        app = new SpringApplicationBuilder(TradeMatchingApplication.class)
                .properties(properties)
                .registerShutdownHook(false)
                .run();
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (dynamoDb != null) dynamoDb.close();
    }

    @Test
    void answersBothSidesOfAMatchingPairMatched() throws Exception {
        String operator = ServiceIdentity.OPERATOR.user();
        try (QueueProbe broker = QueueProbe.on(
                        brokerUri,
                        App.TRADE_MATCHING.statusQueueOf("BRK001"),
                        new BrokerLogin(operator, brokerUsers.get(operator)));
                QueueProbe investmentManager = QueueProbe.on(
                        brokerUri,
                        App.TRADE_MATCHING.statusQueueOf("IM042"),
                        new BrokerLogin(operator, brokerUsers.get(operator)))) {
            post("BRK001", aBrokerTrade("TC1").json());
            post("IM042", anInvestmentManagerTrade("TC1").json());

            await().atMost(TIMEOUT)
                    .until(() -> statuses(broker).contains("MATCHED")
                            && statuses(investmentManager).contains("MATCHED"));
        }
    }

    /** Posts as {@code sender}, logged in as itself: the broker stamps the message with its user. */
    private static void post(String sender, String body) throws Exception {
        QueueProbe.post(
                QueueProbe.broker(brokerUri, new BrokerLogin(sender, brokerUsers.get(sender))),
                App.TRADE_MATCHING.inboundQueue(),
                List.of(body));
    }

    private static List<String> statuses(QueueProbe probe) {
        return probe.received().stream()
                .map(received -> {
                    try {
                        return WireJson.mapper()
                                .readTree(received.body())
                                .path("status")
                                .asText();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** The image docker-compose.yml runs as {@code service}: both run the same containers. */
    private static DockerImageName composeImage(String service) {
        try {
            Map<String, Map<String, Map<String, Object>>> compose =
                    new Yaml().load(Files.readString(REPOSITORY.resolve("docker-compose.yml")));
            return DockerImageName.parse(
                    (String) compose.get("services").get(service).get("image"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read docker-compose.yml", e);
        }
    }

    /** The broker's users and their passwords (docker/activemq/activemq.xml). */
    private static Map<String, String> brokerUsers() throws IOException {
        String xml = Files.readString(REPOSITORY.resolve("docker/activemq/activemq.xml"));
        Map<String, String> users = new LinkedHashMap<>();
        Matcher user = Pattern.compile("<authenticationUser username=\"([^\"]+)\" password=\"([^\"]+)\"")
                .matcher(xml);
        while (user.find()) users.put(user.group(1), user.group(2));
        return users;
    }
}
