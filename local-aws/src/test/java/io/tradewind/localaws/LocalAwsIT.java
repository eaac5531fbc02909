package io.tradewind.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.localaws.arc.ControlPanelSpec;
import io.tradewind.localaws.junit.LocalAwsExtension;
import io.tradewind.localaws.kinesis.Kinesalite;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.apache.activemq.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;
import software.amazon.awssdk.services.route53recoverycluster.model.ConflictException;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControlState;
import software.amazon.awssdk.services.route53recoverycluster.model.UpdateRoutingControlStateEntry;

/** Every emulator of both regions answers its real client, and the regions hold separate data. */
@ExtendWith(LocalAwsExtension.class)
class LocalAwsIT {
    private static final StaticCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    @BeforeAll
    static void kinesaliteSpeaksJsonOnly() {
        System.setProperty("aws.cborEnabled", "false");
    }

    @Test
    void eachRegionHasItsOwnBrokerThatDeliversPersistentMessages(LocalAws aws) throws Exception {
        for (EmulatedRegion region : aws.regions()) {
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(region.brokerUri());
            try (Connection connection = factory.createConnection()) {
                connection.start();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                session.createProducer(session.createQueue("probe")).send(session.createTextMessage(region.name()));
                session.commit();
                MessageConsumer consumer = session.createConsumer(session.createQueue("probe"));
                TextMessage received = (TextMessage) consumer.receive(5_000);
                session.commit();
                assertThat(received.getText()).isEqualTo(region.name());
            }
        }
    }

    @Test
    void eachRegionHasItsOwnKinesis(LocalAws aws) {
        EmulatedRegion east = aws.region(LocalAwsConfig.PRIMARY_REGION);
        EmulatedRegion west = aws.region(LocalAwsConfig.SECONDARY_REGION);
        try (KinesisClient eastKinesis = kinesis(east);
                KinesisClient westKinesis = kinesis(west)) {
            eastKinesis.createStream(b -> b.streamName("probe-east").shardCount(2));
            assertThat(eastKinesis
                            .describeStreamSummary(b -> b.streamName("probe-east"))
                            .streamDescriptionSummary()
                            .streamStatus())
                    .isIn(StreamStatus.ACTIVE, StreamStatus.CREATING);
            eastKinesis.putRecord(
                    b -> b.streamName("probe-east").partitionKey("k").data(SdkBytes.fromUtf8String("x")));
            assertThat(westKinesis.listStreams().streamNames()).doesNotContain("probe-east");
        }
    }

    @Test
    void eachRegionHasItsOwnDynamoDb(LocalAws aws) {
        try (DynamoDbClient east = dynamoDb(aws.region(LocalAwsConfig.PRIMARY_REGION));
                DynamoDbClient west = dynamoDb(aws.region(LocalAwsConfig.SECONDARY_REGION))) {
            east.createTable(b -> b.tableName("probe")
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType(KeyType.HASH)
                            .build()));
            assertThat(east.listTables().tableNames()).contains("probe");
            assertThat(west.listTables().tableNames()).doesNotContain("probe");
        }
    }

    @Test
    void eachRegionHasItsOwnPostgres(LocalAws aws) throws Exception {
        EmulatedRegion east = aws.region(LocalAwsConfig.PRIMARY_REGION);
        EmulatedRegion west = aws.region(LocalAwsConfig.SECONDARY_REGION);
        assertThat(east.postgresJdbcUrl()).isNotEqualTo(west.postgresJdbcUrl());
        try (var connection =
                DriverManager.getConnection(east.postgresJdbcUrl(), east.postgresUser(), east.postgresPassword())) {
            connection.createStatement().execute("CREATE TABLE probe (id int primary key)");
        }
        try (var connection = DriverManager.getConnection(
                        west.postgresJdbcUrl(), west.postgresUser(), west.postgresPassword());
                ResultSet tables = connection
                        .createStatement()
                        .executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_name = 'probe'")) {
            tables.next();
            assertThat(tables.getInt(1)).isZero();
        }
    }

    @Test
    void arcEndpointsAnswerTheSdkAndRefuseTwoActiveRegions(LocalAws aws) {
        String east =
                aws.arc().routingControlArn(ControlPanelSpec.controlName("trade-matching", "processing", "us-east-1"));
        String west =
                aws.arc().routingControlArn(ControlPanelSpec.controlName("trade-matching", "processing", "us-west-2"));
        for (URI endpoint : aws.arc().endpoints()) {
            try (Route53RecoveryClusterClient arc = Route53RecoveryClusterClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(DUMMY)
                    .build()) {
                assertThat(arc.getRoutingControlState(b -> b.routingControlArn(east))
                                .routingControlState())
                        .isEqualTo(RoutingControlState.ON);
                assertThatThrownBy(() -> arc.updateRoutingControlState(
                                b -> b.routingControlArn(west).routingControlState(RoutingControlState.ON)))
                        .isInstanceOf(ConflictException.class)
                        .hasMessageContaining("trade-matching-processing-at-most-one-region");
                assertThat(arc.listRoutingControlsPaginator(b -> b.maxResults(3)).routingControls().stream()
                                .count())
                        .isEqualTo(aws.arc().cluster().routingControls().size());
            }
        }
        // A rotation turns the source off and the target on in one call, which the rule allows.
        try (Route53RecoveryClusterClient arc = Route53RecoveryClusterClient.builder()
                .endpointOverride(aws.arc().endpoints().get(0))
                .region(Region.US_EAST_1)
                .credentialsProvider(DUMMY)
                .build()) {
            arc.updateRoutingControlStates(b -> b.updateRoutingControlStateEntries(
                    entry(east, RoutingControlState.OFF), entry(west, RoutingControlState.ON)));
            assertThat(arc.getRoutingControlState(b -> b.routingControlArn(west))
                            .routingControlState())
                    .isEqualTo(RoutingControlState.ON);
            arc.updateRoutingControlStates(b -> b.updateRoutingControlStateEntries(
                    entry(west, RoutingControlState.OFF), entry(east, RoutingControlState.ON)));
        }
    }

    @Test
    void kinesaliteProcessEndsWhenClosed(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Kinesalite kinesalite = Kinesalite.start("node", 0, dir.resolve("k.log"));
        assertThat(kinesalite.isRunning()).isTrue();
        kinesalite.close();
        assertThat(kinesalite.isRunning()).isFalse();
    }

    private static UpdateRoutingControlStateEntry entry(String arn, RoutingControlState state) {
        return UpdateRoutingControlStateEntry.builder()
                .routingControlArn(arn)
                .routingControlState(state)
                .build();
    }

    private static KinesisClient kinesis(EmulatedRegion region) {
        return KinesisClient.builder()
                .endpointOverride(region.kinesisEndpoint())
                .region(Region.of(region.name()))
                .credentialsProvider(DUMMY)
                .build();
    }

    private static DynamoDbClient dynamoDb(EmulatedRegion region) {
        return DynamoDbClient.builder()
                .endpointOverride(region.dynamoDbEndpoint())
                .region(Region.of(region.name()))
                .credentialsProvider(DUMMY)
                .build();
    }
}
