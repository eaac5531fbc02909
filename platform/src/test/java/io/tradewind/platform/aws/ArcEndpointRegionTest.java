package io.tradewind.platform.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** Each ARC cluster endpoint is signed for the region its host names; one that names none, for the caller's. */
class ArcEndpointRegionTest {
    private static final Region CONFIGURED = Region.EU_CENTRAL_1;

    @Test
    void anAwsClusterEndpointIsSignedForTheRegionItsHostNames() {
        assertThat(regionOf("https://host-dzz3b1.route53-recovery-cluster.us-east-1.amazonaws.com/v1"))
                .isEqualTo(Region.US_EAST_1);
        assertThat(regionOf("https://host-dzz3b1.route53-recovery-cluster.us-west-2.amazonaws.com/v1"))
                .isEqualTo(Region.US_WEST_2);
        assertThat(regionOf("https://abc123.route53-recovery-cluster.ap-southeast-2.amazonaws.com/v1"))
                .isEqualTo(Region.AP_SOUTHEAST_2);
        assertThat(regionOf("https://ABC123.Route53-Recovery-Cluster.EU-WEST-1.amazonaws.com/v1"))
                .isEqualTo(Region.EU_WEST_1);
    }

    @Test
    void anEndpointWhoseHostNamesNoRegionIsSignedForTheConfiguredOne() {
        assertThat(regionOf("http://127.0.0.1:47131")).isEqualTo(CONFIGURED);
        assertThat(regionOf("http://localhost:47131/v1")).isEqualTo(CONFIGURED);
        assertThat(regionOf("https://arc.example.com/v1")).isEqualTo(CONFIGURED);
        // Only a host under amazonaws.com names an ARC region: a look-alike elsewhere does not.
        assertThat(regionOf("https://x.route53-recovery-cluster.us-east-1.amazonaws.com.example.com/v1"))
                .isEqualTo(CONFIGURED);
    }

    @Test
    void refusesAMissingEndpoint() {
        assertThatThrownBy(() -> ArcEndpointRegion.named(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ARC cluster endpoint");
    }

    private static Region regionOf(String endpoint) {
        return ArcEndpointRegion.named(URI.create(endpoint)).orElse(CONFIGURED);
    }
}
