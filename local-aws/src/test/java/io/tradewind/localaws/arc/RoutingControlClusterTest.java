package io.tradewind.localaws.arc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the definition API and rule evaluation directly, without HTTP. */
class RoutingControlClusterTest {

    @Test
    void derivesArnsDeterministicallyFromNames() {
        RoutingControlCluster cluster = RoutingControlCluster.builder()
                .controlPanel("tradewind")
                .routingControl("a", true)
                .routingControl("b", false)
                .assertionRule("at-most-one", List.of("a", "b"), 1)
                .build();

        assertThat(cluster.get("arn:aws:route53-recovery-control::000000000000:controlpanel/tradewind/routingcontrol/a")
                        .isOn())
                .isTrue();
        assertThat(cluster.assertionRule("at-most-one").orElseThrow().arn())
                .isEqualTo(
                        "arn:aws:route53-recovery-control::000000000000:controlpanel/tradewind/safetyrule/at-most-one");
    }

    @Test
    void rejectsARuleOverAnUndeclaredRoutingControl() {
        RoutingControlCluster.Builder builder = RoutingControlCluster.builder()
                .controlPanel("tradewind")
                .routingControl("a", true)
                .assertionRule("at-most-one", List.of("a", "missing"), 1);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void rejectsInitialStatesThatAlreadyBreakARule() {
        RoutingControlCluster.Builder builder = RoutingControlCluster.builder()
                .controlPanel("tradewind")
                .routingControl("a", true)
                .routingControl("b", true)
                .assertionRule("at-most-one", List.of("a", "b"), 1);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at-most-one");
    }

    @Test
    void letsUnrelatedUpdatesThroughWhileARuleIsOverriddenIntoViolation() {
        RoutingControlCluster cluster = RoutingControlCluster.builder()
                .controlPanel("p")
                .routingControl("a", true)
                .routingControl("b", false)
                .routingControl("c", false)
                .assertionRule("at-most-one", List.of("a", "b"), 1)
                .build();
        String ruleArn = Arns.safetyRule("p", "at-most-one");
        cluster.update(
                List.of(new RoutingControlUpdate(Arns.routingControl("p", "b"), RoutingControlState.ON)),
                List.of(ruleArn));

        // Rules are checked only when an update touches their controls.
        cluster.update(Arns.routingControl("p", "c"), RoutingControlState.ON);
        // Turning one back off repairs the rule and needs no override.
        cluster.update(Arns.routingControl("p", "a"), RoutingControlState.OFF);

        assertThat(cluster.routingControls())
                .extracting(RoutingControl::name, RoutingControl::state)
                .containsExactly(
                        tuple("a", RoutingControlState.OFF),
                        tuple("b", RoutingControlState.ON),
                        tuple("c", RoutingControlState.ON));
    }

    @Test
    void rejectsABatchThatNamesOneRoutingControlTwice() {
        RoutingControlCluster cluster = RoutingControlCluster.builder()
                .controlPanel("p")
                .routingControl("a", true)
                .build();
        String a = Arns.routingControl("p", "a");

        assertThatThrownBy(() -> cluster.update(
                        List.of(
                                new RoutingControlUpdate(a, RoutingControlState.OFF),
                                new RoutingControlUpdate(a, RoutingControlState.ON)),
                        List.of()))
                .isInstanceOfSatisfying(ArcServiceException.class, e -> assertThat(e.type())
                        .isEqualTo(ArcServiceException.ErrorType.VALIDATION));
    }

    @Test
    void rejectsANextTokenItDidNotIssue() {
        RoutingControlCluster cluster = RoutingControlCluster.builder()
                .controlPanel("p")
                .routingControl("a", true)
                .build();

        assertThatThrownBy(() -> cluster.list(null, "garbage!", 1)).isInstanceOf(ArcServiceException.class);
    }
}
