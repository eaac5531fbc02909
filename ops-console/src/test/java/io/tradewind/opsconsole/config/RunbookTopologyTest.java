package io.tradewind.opsconsole.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookTopologyTest {
    @TempDir
    Path dir;

    private static final String AWS =
            """
            {
              "arcEndpoints": ["https://host-a.example.com/v1"],
              "controlPanelArn": "arn:aws:route53-recovery-control::123456789012:controlpanel/p",
              "auroraGlobalClusters": {"trade-matching": "tradewind-trade-matching"},
              "regions": {
                "us-east-1": {"broker": "ssl://b-1.example.com:61617", "jdbcUrl": "jdbc:postgresql://east/tradewind"},
                "us-west-2": {"broker": "ssl://b-2.example.com:61617", "jdbcUrl": "jdbc:postgresql://west/tradewind"}
              }
            }
            """;

    @Test
    void readsAnAwsTopologyWithDefaultEndpointsAndTheContractsQueues() throws Exception {
        RunbookTopology topology = RunbookTopology.read(Files.writeString(dir.resolve("aws.json"), AWS));

        assertThat(topology.aws()).isTrue();
        assertThat(topology.auroraGlobalClusters()).containsEntry("trade-matching", "tradewind-trade-matching");
        assertThat(topology.regions().get("us-west-2").dynamoDbEndpoint()).isNull();
        assertThat(topology.regions().get("us-west-2").actuators()).isEmpty();
        assertThat(topology.inboundQueues()).isEqualTo(RunbookTopology.INBOUND_QUEUES);
        assertThat(topology.brokerTruststore()).isNull(); // the JDK's trust store trusts Amazon MQ
    }

    @Test
    void readsTheRoutingControlsArnsTerraformListsAndDerivesTheRest() throws Exception {
        String json = AWS.replace(
                "\"regions\"",
                "\"routingControlArns\": [\"trade-matching-inbound-us-east-1=arn:aws:route53-recovery-control::"
                        + "123456789012:controlpanel/p/routingcontrol/0a1b\"], \"regions\"");

        RunbookTopology topology = RunbookTopology.read(Files.writeString(dir.resolve("arns.json"), json));

        assertThat(topology.arc().routingControlArn("trade-matching-inbound-us-east-1"))
                .isEqualTo("arn:aws:route53-recovery-control::123456789012:controlpanel/p/routingcontrol/0a1b");
        assertThat(topology.arc().routingControlArn("generator"))
                .isEqualTo("arn:aws:route53-recovery-control::123456789012:controlpanel/p/routingcontrol/generator");
        assertThat(RunbookTopology.read(Files.writeString(dir.resolve("none.json"), AWS))
                        .routingControlArns())
                .isEmpty();
    }

    @Test
    void readsTheBrokersTruststoreWithItsPasswordInAFile() throws Exception {
        Path store = Files.writeString(dir.resolve("truststore.p12"), "not read here");
        Path password = Files.writeString(dir.resolve("truststore.password"), "secret");
        String json = AWS.replace(
                "\"regions\"",
                "\"brokerTruststore\": {\"path\": \"" + store + "\", \"passwordFile\": \"" + password
                        + "\"}, \"regions\"");

        RunbookTopology topology = RunbookTopology.read(Files.writeString(dir.resolve("tls.json"), json));

        assertThat(topology.brokerTruststore().path()).isEqualTo(store);
        assertThat(topology.brokerTruststore().passwordChars()).containsExactly("secret".toCharArray());
    }

    @Test
    void neverPrintsTheDatabasePassword() {
        RunbookTopology sandbox = RunbookTopology.sandbox();
        RunbookTopology.Region east = sandbox.regions().get("us-east-1");
        RunbookTopology.Region secret = new RunbookTopology.Region(
                east.broker(),
                east.kinesisEndpoint(),
                east.dynamoDbEndpoint(),
                east.jdbcUrl(),
                east.dbUser(),
                "s3cr3t-pw",
                east.actuators());

        assertThat(secret.toString()).doesNotContain("s3cr3t-pw").contains("dbPassword=***");
    }

    @Test
    void theSandboxManagesEachRegionsBrokerUsersThroughTheEmulatedMqApi() {
        RunbookTopology sandbox = RunbookTopology.sandbox();

        assertThat(sandbox.regions().get("us-east-1").mqApi()).isEqualTo(URI.create("http://127.0.0.1:47106"));
        assertThat(sandbox.regions().get("us-west-2").mqApi()).isEqualTo(URI.create("http://127.0.0.1:47206"));
        assertThat(sandbox.regions().get("us-west-2").brokerIds()).containsExactly("tradewind-us-west-2");
    }

    @Test
    void anAwsTopologyWithoutMqApiLeavesItToTheSdk() throws Exception {
        RunbookTopology topology = RunbookTopology.read(Files.writeString(dir.resolve("aws.json"), AWS));

        assertThat(topology.regions().get("us-east-1").mqApi()).isNull();
        assertThat(topology.regions().get("us-east-1").brokerIds()).isEmpty();
    }

    @Test
    void theSandboxIsNotAws() {
        assertThat(RunbookTopology.sandbox().aws()).isFalse();
    }

    @Test
    void refusesBothOrNeitherOfTheSandboxesDatabasesAndAurora() {
        RunbookTopology sandbox = RunbookTopology.sandbox();

        assertThatThrownBy(() -> new RunbookTopology(
                        sandbox.arcEndpoints(),
                        sandbox.controlPanelArn(),
                        URI.create("http://127.0.0.1:47005"),
                        Map.of("trade-matching", "tradewind-trade-matching"),
                        sandbox.regions(),
                        null,
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one of globalDatabaseEndpoint");
        assertThatThrownBy(() -> new RunbookTopology(
                        sandbox.arcEndpoints(),
                        sandbox.controlPanelArn(),
                        null,
                        Map.of(),
                        sandbox.regions(),
                        null,
                        null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFileThatDoesNotMatchIsRefusedNamingTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("typo.json"), AWS.replace("\"regions\"", "\"region\""));

        assertThatThrownBy(() -> RunbookTopology.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("typo.json");
    }

    @Test
    void writesJsonThatReadsBackAsTheSameTopology() throws Exception {
        RunbookTopology sandbox = RunbookTopology.sandbox();

        RunbookTopology again = RunbookTopology.parse(sandbox.toJson());

        assertThat(again).isEqualTo(sandbox);
        assertThat(RunbookTopology.read(Files.writeString(dir.resolve("console.json"), sandbox.toJson())))
                .isEqualTo(sandbox);
        RunbookTopology aws = RunbookTopology.read(Files.writeString(dir.resolve("aws.json"), AWS));
        assertThat(RunbookTopology.parse(aws.toJson())).isEqualTo(aws);
    }
}
