package io.tradewind.opsconsole.runbook;

import java.util.OptionalLong;

/**
 * What an app's services in a region report about themselves (their health and meters). Every read fails with
 * {@link ServiceUnreachableException} when the region's services do not answer.
 */
public interface RegionServices {
    /** Whether the app's services in the region are up and report healthy. */
    boolean healthy(String app, String region);

    /** The largest lag behind its stream's tip among the app's stream stages, or empty before any stage has read. */
    OptionalLong stageLagMillis(String app, String region);

    /** Records the app's stages have taken in since they started: it stops growing once they are idle. */
    long recordsIn(String app, String region);

    /** Records the app's ingestion stage has taken in: it grows once the region processes new trades. */
    long ingested(String app, String region);

    /** Whether the components behind the app's {@code kind} routing control (inbound, processing) run in the region. */
    boolean gateOpen(String app, String region, String kind);

    /** The replication lag of a store ({@code dynamodb}) as the app's services in the region see it. */
    long replicationLagMillis(String app, String region, String store);

    /** The services of a region did not answer. */
    final class ServiceUnreachableException extends RuntimeException {
        public ServiceUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
