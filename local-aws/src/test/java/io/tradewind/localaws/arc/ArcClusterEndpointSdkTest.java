package io.tradewind.localaws.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;
import software.amazon.awssdk.services.route53recoverycluster.model.ConflictException;
import software.amazon.awssdk.services.route53recoverycluster.model.GetRoutingControlStateResponse;
import software.amazon.awssdk.services.route53recoverycluster.model.ListRoutingControlsResponse;
import software.amazon.awssdk.services.route53recoverycluster.model.ResourceNotFoundException;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControl;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControlState;
import software.amazon.awssdk.services.route53recoverycluster.model.UpdateRoutingControlStateEntry;
import software.amazon.awssdk.services.route53recoverycluster.model.ValidationException;
import software.amazon.awssdk.services.route53recoverycluster.model.ValidationExceptionReason;

/**
 * Drives the emulator with the real AWS SDK v2 ARC cluster client, configured only with an
 * endpoint override, a region and dummy static credentials, as application code would be.
 */
class ArcClusterEndpointSdkTest {

    private static final String PANEL = "tradewind";
    private static final String OTHER_PANEL = "back-office";
    private static final String US_EAST_1 = Arns.routingControl(PANEL, "trade-matching-processing-us-east-1");
    private static final String US_WEST_2 = Arns.routingControl(PANEL, "trade-matching-processing-us-west-2");
    private static final String EU_WEST_1 = Arns.routingControl(PANEL, "trade-matching-processing-eu-west-1");
    private static final String MARKET_DATA_0 = Arns.routingControl(PANEL, "market-data-0");
    private static final String AT_MOST_ONE = "trade-matching-processing-at-most-one";
    private static final String AT_MOST_ONE_ARN = Arns.safetyRule(PANEL, AT_MOST_ONE);
    private static final int MARKET_DATA_CONTROLS = 7;
    private static final int OTHER_PANEL_CONTROLS = 2;
    private static final int TOTAL_CONTROLS = 3 + MARKET_DATA_CONTROLS + OTHER_PANEL_CONTROLS;

    private RoutingControlCluster cluster;
    private ArcClusterEndpoint endpointA;
    private ArcClusterEndpoint endpointB;
    private Route53RecoveryClusterClient clientA;
    private Route53RecoveryClusterClient clientB;

    @BeforeEach
    void startCluster() {
        RoutingControlCluster.Builder builder = RoutingControlCluster.builder()
                .controlPanel(PANEL)
                .routingControl("trade-matching-processing-us-east-1", true)
                .routingControl("trade-matching-processing-us-west-2", false)
                .routingControl("trade-matching-processing-eu-west-1", false)
                .assertionRule(
                        AT_MOST_ONE,
                        List.of(
                                "trade-matching-processing-us-east-1",
                                "trade-matching-processing-us-west-2",
                                "trade-matching-processing-eu-west-1"),
                        1);
        // Extra controls without rules so listing spans several pages.
        IntStream.range(0, MARKET_DATA_CONTROLS).forEach(i -> builder.routingControl("market-data-" + i, true));
        builder.controlPanel(OTHER_PANEL);
        IntStream.range(0, OTHER_PANEL_CONTROLS).forEach(i -> builder.routingControl("settlement-" + i, false));
        cluster = builder.build();

        endpointA = ArcClusterEndpoint.start(cluster, 0);
        endpointB = ArcClusterEndpoint.start(cluster, 0);
        clientA = client(endpointA.endpoint());
        clientB = client(endpointB.endpoint());
    }

    @AfterEach
    void stopCluster() {
        clientA.close();
        clientB.close();
        endpointA.close();
        endpointB.close();
    }

    private static Route53RecoveryClusterClient client(URI endpoint) {
        return Route53RecoveryClusterClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private RoutingControlState stateOf(Route53RecoveryClusterClient client, String arn) {
        return client.getRoutingControlState(r -> r.routingControlArn(arn)).routingControlState();
    }

    private static UpdateRoutingControlStateEntry entry(String arn, RoutingControlState state) {
        return UpdateRoutingControlStateEntry.builder()
                .routingControlArn(arn)
                .routingControlState(state)
                .build();
    }

    @Test
    void endpointsBindLoopbackOnDistinctEphemeralPorts() {
        assertThat(endpointA.port()).isPositive().isNotEqualTo(endpointB.port());
        assertThat(endpointA.endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + endpointA.port()));
    }

    @Test
    void returnsDeclaredStateNameAndArnOfARoutingControl() {
        GetRoutingControlStateResponse response = clientA.getRoutingControlState(r -> r.routingControlArn(US_EAST_1));

        assertThat(response.routingControlArn())
                .isEqualTo(
                        "arn:aws:route53-recovery-control::000000000000:controlpanel/tradewind/routingcontrol/trade-matching-processing-us-east-1");
        assertThat(response.routingControlState()).isEqualTo(RoutingControlState.ON);
        assertThat(response.routingControlName()).isEqualTo("trade-matching-processing-us-east-1");
        assertThat(stateOf(clientA, US_WEST_2)).isEqualTo(RoutingControlState.OFF);
    }

    @Test
    void updatesASingleRoutingControlState() {
        clientA.updateRoutingControlState(
                r -> r.routingControlArn(US_EAST_1).routingControlState(RoutingControlState.OFF));

        assertThat(stateOf(clientA, US_EAST_1)).isEqualTo(RoutingControlState.OFF);
    }

    @Test
    void failsOverBetweenRegionsInOneBatchUpdate() {
        clientA.updateRoutingControlStates(r -> r.updateRoutingControlStateEntries(
                entry(US_EAST_1, RoutingControlState.OFF), entry(US_WEST_2, RoutingControlState.ON)));

        assertThat(stateOf(clientA, US_EAST_1)).isEqualTo(RoutingControlState.OFF);
        assertThat(stateOf(clientA, US_WEST_2)).isEqualTo(RoutingControlState.ON);
    }

    @Test
    void refusesUpdateThatTurnsTwoRegionsOn() {
        assertThatThrownBy(() -> clientA.updateRoutingControlState(
                        r -> r.routingControlArn(US_WEST_2).routingControlState(RoutingControlState.ON)))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.awsErrorDetails().errorMessage())
                            .contains(AT_MOST_ONE)
                            .contains(AT_MOST_ONE_ARN);
                    assertThat(e.resourceId()).isEqualTo(AT_MOST_ONE_ARN);
                    assertThat(e.statusCode()).isEqualTo(400);
                });

        assertThat(stateOf(clientA, US_WEST_2)).isEqualTo(RoutingControlState.OFF);
    }

    @Test
    void refusesTheWholeBatchWhenItWouldTurnTwoRegionsOn() {
        assertThatThrownBy(() -> clientA.updateRoutingControlStates(r -> r.updateRoutingControlStateEntries(
                        entry(MARKET_DATA_0, RoutingControlState.OFF),
                        entry(US_WEST_2, RoutingControlState.ON),
                        entry(EU_WEST_1, RoutingControlState.ON))))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(AT_MOST_ONE);

        // All or none: the unrelated entry in the refused batch was not applied either.
        assertThat(stateOf(clientA, MARKET_DATA_0)).isEqualTo(RoutingControlState.ON);
        assertThat(stateOf(clientA, US_WEST_2)).isEqualTo(RoutingControlState.OFF);
        assertThat(stateOf(clientA, EU_WEST_1)).isEqualTo(RoutingControlState.OFF);
    }

    @Test
    void appliesARuleBreakingBatchWhenTheRuleArnIsOverridden() {
        clientA.updateRoutingControlStates(
                r -> r.updateRoutingControlStateEntries(entry(US_WEST_2, RoutingControlState.ON))
                        .safetyRulesToOverride(AT_MOST_ONE_ARN));

        assertThat(stateOf(clientA, US_EAST_1)).isEqualTo(RoutingControlState.ON);
        assertThat(stateOf(clientA, US_WEST_2)).isEqualTo(RoutingControlState.ON);
    }

    @Test
    void doesNotTreatARuleNameAsAnOverrideBecauseArcOverridesByArn() {
        assertThatThrownBy(() -> clientA.updateRoutingControlState(r -> r.routingControlArn(US_WEST_2)
                        .routingControlState(RoutingControlState.ON)
                        .safetyRulesToOverride(AT_MOST_ONE)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void reportsUnknownRoutingControlArnAsResourceNotFound() {
        String unknown = Arns.routingControl(PANEL, "no-such-control");

        assertThatThrownBy(() -> clientA.getRoutingControlState(r -> r.routingControlArn(unknown)))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.resourceId())
                        .isEqualTo(unknown));
        assertThatThrownBy(() -> clientA.updateRoutingControlStates(r -> r.updateRoutingControlStateEntries(
                        entry(US_EAST_1, RoutingControlState.OFF), entry(unknown, RoutingControlState.ON))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(stateOf(clientA, US_EAST_1)).isEqualTo(RoutingControlState.ON);
    }

    @Test
    void rejectsAStateOtherThanOnOrOffAsValidationError() {
        assertThatThrownBy(() -> clientA.updateRoutingControlState(
                        r -> r.routingControlArn(US_EAST_1).routingControlState("Maybe")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(ValidationExceptionReason.FIELD_VALIDATION_FAILED);
                    assertThat(e.fields()).singleElement().satisfies(f -> assertThat(f.name())
                            .isEqualTo("RoutingControlState"));
                });
    }

    @Test
    void listsEveryRoutingControlAcrossPagesWithTheSdkPaginator() {
        List<ListRoutingControlsResponse> pages = clientA.listRoutingControlsPaginator(r -> r.maxResults(3)).stream()
                .toList();
        List<RoutingControl> all = new ArrayList<>();
        pages.forEach(p -> all.addAll(p.routingControls()));

        assertThat(pages).hasSize((TOTAL_CONTROLS + 2) / 3);
        assertThat(pages).allSatisfy(p -> assertThat(p.routingControls()).hasSizeLessThanOrEqualTo(3));
        assertThat(pages.get(pages.size() - 1).nextToken()).isNull();
        assertThat(all)
                .hasSize(TOTAL_CONTROLS)
                .extracting(RoutingControl::routingControlArn)
                .doesNotHaveDuplicates()
                .contains(US_EAST_1, EU_WEST_1);
        RoutingControl usEast = all.stream()
                .filter(c -> c.routingControlArn().equals(US_EAST_1))
                .findFirst()
                .orElseThrow();
        assertThat(usEast.routingControlName()).isEqualTo("trade-matching-processing-us-east-1");
        assertThat(usEast.routingControlState()).isEqualTo(RoutingControlState.ON);
        assertThat(usEast.controlPanelArn()).isEqualTo(Arns.controlPanel(PANEL));
        assertThat(usEast.controlPanelName()).isEqualTo(PANEL);
        assertThat(usEast.owner()).isEqualTo("000000000000");
    }

    @Test
    void listsOnlyTheRequestedControlPanelsRoutingControls() {
        List<RoutingControl> other = clientA
                .listRoutingControlsPaginator(
                        r -> r.controlPanelArn(Arns.controlPanel(OTHER_PANEL)).maxResults(1))
                .routingControls()
                .stream()
                .toList();

        assertThat(other).hasSize(OTHER_PANEL_CONTROLS).allSatisfy(c -> assertThat(c.controlPanelName())
                .isEqualTo(OTHER_PANEL));
    }

    @Test
    void stillServesTheSharedStateThroughEndpointBAfterEndpointAIsStopped() {
        clientA.updateRoutingControlStates(r -> r.updateRoutingControlStateEntries(
                entry(US_EAST_1, RoutingControlState.OFF), entry(EU_WEST_1, RoutingControlState.ON)));

        endpointA.stop();

        assertThat(endpointA.isRunning()).isFalse();
        assertThatThrownBy(() -> stateOf(clientA, EU_WEST_1)).isInstanceOf(SdkClientException.class);
        assertThat(stateOf(clientB, EU_WEST_1)).isEqualTo(RoutingControlState.ON);
        assertThat(stateOf(clientB, US_EAST_1)).isEqualTo(RoutingControlState.OFF);
    }

    @Test
    void answersUnknownOperationWithA400ValidationError() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(endpointA.endpoint())
                                .header("X-Amz-Target", "ToggleCustomerAPI.DeleteEverything")
                                .header("Content-Type", "application/x-amz-json-1.0")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
        assertThat(response.body())
                .contains("\"__type\":\"ValidationException\"")
                .contains("\"reason\":\"unknownOperation\"")
                .contains("DeleteEverything");
    }
}
