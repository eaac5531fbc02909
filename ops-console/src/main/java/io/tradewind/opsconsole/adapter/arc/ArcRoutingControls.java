package io.tradewind.opsconsole.adapter.arc;

import io.tradewind.opsconsole.runbook.RoutingControls;
import io.tradewind.platform.config.PlatformProperties;
import io.tradewind.platform.regiongate.ArcRoutingControlReader;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;
import software.amazon.awssdk.services.route53recoverycluster.model.ConflictException;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControlState;
import software.amazon.awssdk.services.route53recoverycluster.model.UpdateRoutingControlStateEntry;
import software.amazon.awssdk.services.route53recoverycluster.model.ValidationException;

/**
 * Routing controls through the ARC cluster's data plane, each endpoint tried in turn (as AWS advises for updates
 * during an outage), each with a client signing for that endpoint's region ({@code AwsClientFactory.arcCluster}). A
 * safety rule's refusal is not retried on the next endpoint: it would refuse too.
 */
public final class ArcRoutingControls implements RoutingControls {
    private final List<Route53RecoveryClusterClient> endpoints;
    private final ArcRoutingControlReader reader;
    private final PlatformProperties.Arc arc;

    /** @param arc the control panel, and the ARNs of its controls where they are not derived from their names (AWS) */
    public ArcRoutingControls(List<Route53RecoveryClusterClient> endpoints, PlatformProperties.Arc arc) {
        this.endpoints = List.copyOf(endpoints);
        this.reader = new ArcRoutingControlReader(endpoints);
        this.arc = arc;
    }

    private String arn(String controlName) {
        return arc.routingControlArn(controlName);
    }

    @Override
    public boolean isOn(String controlName) {
        return reader.isOn(arn(controlName));
    }

    @Override
    public void set(Map<String, Boolean> states) {
        List<UpdateRoutingControlStateEntry> entries = states.entrySet().stream()
                .map(state -> UpdateRoutingControlStateEntry.builder()
                        .routingControlArn(arn(state.getKey()))
                        .routingControlState(state.getValue() ? RoutingControlState.ON : RoutingControlState.OFF)
                        .build())
                .toList();
        SdkException last = null;
        for (Route53RecoveryClusterClient endpoint : endpoints) {
            try {
                endpoint.updateRoutingControlStates(b -> b.updateRoutingControlStateEntries(entries));
                return;
            } catch (ConflictException | ValidationException refused) {
                throw new IllegalStateException("ARC refused " + states + ": " + refused.getMessage(), refused);
            } catch (SdkException e) {
                if (last != null) e.addSuppressed(last);
                last = e;
            }
        }
        throw new IllegalStateException("none of " + endpoints.size() + " ARC cluster endpoints took " + states, last);
    }
}
