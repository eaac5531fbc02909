package io.tradewind.platform.regiongate;

import io.tradewind.platform.aws.AwsClientFactory;
import io.tradewind.platform.config.PlatformProperties;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControlState;

/**
 * Reads routing controls through the ARC cluster data plane, trying each regional endpoint in turn as AWS advises,
 * starting with the one that answered last. Each endpoint has its own client, signing for that endpoint's region
 * ({@link AwsClientFactory#arcCluster}): an endpoint refuses requests signed for another. ARNs come from configuration;
 * nothing here calls the control-plane API.
 */
public final class ArcRoutingControlReader implements RoutingControlReader {
    private final List<Route53RecoveryClusterClient> endpoints;
    private volatile int preferred;

    public ArcRoutingControlReader(List<Route53RecoveryClusterClient> endpoints) {
        if (endpoints.isEmpty()) throw new IllegalArgumentException("no ARC cluster endpoints configured");
        this.endpoints = List.copyOf(endpoints);
    }

    /** A reader of the cluster endpoints {@code tradewind.arc.endpoints} names, with the service's AWS clients. */
    public static ArcRoutingControlReader of(AwsClientFactory aws, PlatformProperties platform) {
        return new ArcRoutingControlReader(aws.arcCluster(platform.arc().endpoints()));
    }

    @Override
    public boolean isOn(String routingControlArn) {
        SdkException last = null;
        int start = preferred;
        for (int i = 0; i < endpoints.size(); i++) {
            int index = (start + i) % endpoints.size();
            try {
                RoutingControlState state = endpoints
                        .get(index)
                        .getRoutingControlState(b -> b.routingControlArn(routingControlArn))
                        .routingControlState();
                preferred = index;
                return state == RoutingControlState.ON;
            } catch (SdkException e) {
                if (last != null) e.addSuppressed(last);
                last = e;
            }
        }
        throw new RoutingControlUnavailableException(
                "none of " + endpoints.size() + " ARC cluster endpoints answered for " + routingControlArn, last);
    }
}
