package io.tradewind.opsconsole.api;

import io.tradewind.model.topology.App;
import io.tradewind.model.topology.RoutingControls;
import io.tradewind.opsconsole.flow.FlowSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Samples as the sampler makes them, for the API's tests. */
final class Samples {
    static final ConsoleScope SCOPE = new ConsoleScope(App.ids(), List.of("us-east-1", "us-west-2"));
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final Instant LOST_AT = Instant.parse("2026-12-07T09:58:30Z");

    private Samples() {}

    /** Both apps active in us-east-1; us-west-2's services stopped answering at {@link #LOST_AT}. */
    static FlowSample twoRegionsTheSecondUnreachable() {
        List<FlowSample.AppRegion> services = new ArrayList<>();
        for (String app : SCOPE.apps()) {
            services.add(service(app, "us-east-1", true, 42.5));
            services.add(service(app, "us-west-2", false, 0));
        }
        Map<String, Boolean> controls = new LinkedHashMap<>();
        for (String app : SCOPE.apps())
            for (String region : SCOPE.regions())
                for (String kind : RoutingControls.KINDS)
                    controls.put(RoutingControls.name(app, kind, region), region.equals("us-east-1"));
        controls.put(RoutingControls.GENERATOR, true);
        Map<String, FlowSample.Database> databases = new LinkedHashMap<>();
        for (String app : SCOPE.apps()) databases.put(app, new FlowSample.Database(app, "us-east-1", 120, NOW));
        return new FlowSample(
                NOW,
                services,
                controls,
                NOW,
                databases,
                Map.of("us-east-1", Map.of("trades.inbound", 3L)),
                List.of(),
                List.of(),
                List.of(),
                List.of(new FlowSample.Alert(
                        FlowSample.Alert.Kind.UNREACHABLE,
                        "trade-matching",
                        "us-west-2",
                        null,
                        "trade-matching in us-west-2 has not answered since " + LOST_AT)),
                Map.of());
    }

    private static FlowSample.AppRegion service(String app, String region, boolean reachable, double rate) {
        List<FlowSample.StageFlow> stages = new ArrayList<>();
        for (String stage : List.of("inbound-gateway", "ingestion", "matching", "egress", "outbound-gateway"))
            stages.add(new FlowSample.StageFlow(
                    stage,
                    rate,
                    1000,
                    reachable ? 150 : -1,
                    0,
                    0,
                    false,
                    List.of(
                            new FlowSample.Point(NOW.minusSeconds(2), rate / 2, 300),
                            new FlowSample.Point(NOW, rate, 150))));
        return new FlowSample.AppRegion(
                app,
                region,
                reachable,
                reachable ? NOW : LOST_AT.minusSeconds(2),
                reachable ? null : LOST_AT,
                reachable ? null : "connection refused",
                reachable,
                reachable,
                40,
                120,
                0,
                stages);
    }
}
