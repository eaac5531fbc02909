package io.tradewind.platform.regiongate;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every routing control reads On, without asking anyone: for a single-region run where no ARC cluster exists
 * (docker-compose on LocalStack, which has no ARC). Used only when {@value #PROPERTY} is true; never by default, and
 * never on AWS, where a region that cannot read its control must stay closed.
 */
public final class PinnedOnRoutingControls implements RoutingControlReader {
    /** The setting that pins every gate of a service On (environment: {@code TRADEWIND_ARC_PINNEDON}). */
    public static final String PROPERTY = "tradewind.arc.pinned-on";

    private static final Logger log = LoggerFactory.getLogger(PinnedOnRoutingControls.class);

    private volatile boolean announced;

    @Override
    public boolean isOn(String routingControlArn) {
        if (!announced) {
            announced = true;
            log.warn(
                    "{} is set: routing controls are not read, every gate is On ({} first)",
                    PROPERTY,
                    routingControlArn);
        }
        return true;
    }

    /**
     * The reader a service's gates use: pinned On when {@code pinnedOn} (the value of {@value #PROPERTY}), otherwise
     * {@code arc}, the ARC cluster's endpoints that {@code tradewind.arc.endpoints} names (never built when pinned).
     */
    public static RoutingControlReader readerFor(boolean pinnedOn, Supplier<RoutingControlReader> arc) {
        return pinnedOn ? new PinnedOnRoutingControls() : arc.get();
    }
}
