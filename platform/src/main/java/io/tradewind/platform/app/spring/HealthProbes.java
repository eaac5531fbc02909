package io.tradewind.platform.app.spring;

import io.tradewind.platform.probe.HealthCheck;
import io.tradewind.platform.regiongate.RegionGate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * The liveness and readiness health groups a container platform (ECS) probes, on by default in every service that
 * imports this: liveness is the process's own state (alive, not broken); readiness adds what each service includes in
 * {@code management.endpoint.health.group.readiness.include} (a matching app: its region gates). Both answer without a
 * login ({@link HttpEndpointSecurity#PROBES}) and without details.
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:" + HealthProbes.RESOURCE)
public class HealthProbes {
    static final String RESOURCE = "io/tradewind/platform/app/spring/health-probes.properties";

    public static final String LIVENESS_PATH = HealthCheck.pathOf(HealthCheck.LIVENESS);
    public static final String READINESS_PATH = HealthCheck.pathOf(HealthCheck.READINESS);

    /**
     * Readiness of a service's region gates: UP when each has read its routing control at least once, is open or closed
     * as the control says and, if open, has every component behind it taking work; OUT_OF_SERVICE otherwise, and while
     * there is no gate yet (the pipeline not started).
     */
    public static Health regionGates(List<RegionGate> gates) {
        if (gates.isEmpty())
            return Health.status(Status.OUT_OF_SERVICE)
                    .withDetail("gates", "none yet: the pipeline has not started")
                    .build();
        boolean ready = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (RegionGate gate : gates) {
            RegionGate.Readiness readiness = gate.readiness();
            ready &= readiness.ready();
            Map<String, Object> gateDetails = new LinkedHashMap<>();
            gateDetails.put("controlRead", readiness.controlRead());
            if (readiness.controlRead()) gateDetails.put("controlOn", readiness.controlOn());
            gateDetails.put("open", readiness.open());
            if (!readiness.notReady().isEmpty()) gateDetails.put("notTakingWork", readiness.notReady());
            details.put(readiness.routingControlArn(), gateDetails);
        }
        return Health.status(ready ? Status.UP : Status.OUT_OF_SERVICE)
                .withDetails(details)
                .build();
    }
}
