package io.tradewind.localaws.arc;

import java.util.List;

/**
 * One page of {@code ListRoutingControls}; {@code nextToken} is null on the last page, which is
 * what stops the SDK paginator.
 */
public record RoutingControlPage(List<RoutingControl> routingControls, String nextToken) {

    public RoutingControlPage {
        routingControls = List.copyOf(routingControls);
    }
}
