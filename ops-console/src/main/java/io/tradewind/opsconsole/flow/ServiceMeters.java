package io.tradewind.opsconsole.flow;

/** The meters an app's services in a region publish, read in one go. */
public interface ServiceMeters {
    /**
     * Every stage's numbers, the region gates and the replication lag as the app's services in the region report them.
     *
     * @throws RuntimeException when the services do not answer (the sampler keeps their last reading)
     */
    ServiceReading read(String app, String region);
}
