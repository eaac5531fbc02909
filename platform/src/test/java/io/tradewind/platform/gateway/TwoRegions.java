package io.tradewind.platform.gateway;

import static org.awaitility.Awaitility.await;

import io.tradewind.platform.regiongate.ActiveRegionConnectionFactory;
import java.time.Duration;
import java.util.Map;

/**
 * A receiving app's fake broker in each of two regions, behind an active-region factory whose inbound routing
 * controls the test switches: east is On to begin with.
 */
public final class TwoRegions implements AutoCloseable {
    public static final String EAST = "us-east-1";
    public static final String WEST = "us-west-2";

    public final FakeBroker east = new FakeBroker();
    public final FakeBroker west = new FakeBroker();
    private volatile String regionOn = EAST;
    public final ActiveRegionConnectionFactory brokers = new ActiveRegionConnectionFactory(
            Map.of(EAST, east, WEST, west),
            Map.of(EAST, "inbound-" + EAST, WEST, "inbound-" + WEST),
            arn -> arn.endsWith(regionOn),
            Duration.ofMillis(10));

    /** Turns {@code region}'s inbound control On and the other's Off; the factory notices on its next poll. */
    public void switchTo(String region) {
        regionOn = region;
    }

    /** Switches to {@code region} and waits until the factory has followed (and closed the other's connections). */
    public void rotateTo(String region) {
        switchTo(region);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> brokers.activeRegion().orElseThrow().equals(region));
    }

    @Override
    public void close() {
        brokers.close();
    }
}
