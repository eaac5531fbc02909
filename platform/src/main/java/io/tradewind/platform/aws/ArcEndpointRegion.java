package io.tradewind.platform.aws;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/**
 * The region a request to an ARC cluster endpoint must be signed for. Each of a cluster's endpoints is served from one
 * region, {@code https://<id>.route53-recovery-cluster.<region>.amazonaws.com/v1}, and accepts only requests signed for
 * that region, whatever region the caller runs in. An endpoint whose host names no region (the sandbox's emulated
 * cluster on {@code http://127.0.0.1:<port>}) is signed for the caller's own region.
 */
public final class ArcEndpointRegion {
    private static final Pattern CLUSTER_HOST =
            Pattern.compile("(?:^|\\.)route53-recovery-cluster\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?$");

    private ArcEndpointRegion() {}

    /** The region named in {@code endpoint}'s host, if it names one. */
    public static Optional<Region> named(URI endpoint) {
        if (endpoint == null) throw new IllegalArgumentException("ARC cluster endpoint is null");
        String host = endpoint.getHost();
        if (host == null) return Optional.empty();
        Matcher cluster = CLUSTER_HOST.matcher(host.toLowerCase(Locale.ROOT));
        return cluster.find() ? Optional.of(Region.of(cluster.group(1))) : Optional.empty();
    }
}
