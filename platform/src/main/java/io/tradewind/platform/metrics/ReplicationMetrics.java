package io.tradewind.platform.metrics;

/**
 * The replication lag the runbook and the dashboard read beside each service's meters: in the sandbox the emulated
 * global tables' and global databases' lag, published by the sandbox (on AWS the same lag is CloudWatch's
 * {@value #DYNAMODB_LAG} and {@value #AURORA_LAG}, which the alarms read).
 */
public final class ReplicationMetrics {
    /** Milliseconds the oldest write not yet in the other region has waited, tagged {@value #STORE_TAG}. */
    public static final String LAG = "tradewind.replication.lag.millis";
    /** {@code dynamodb} (the global tables) or {@code postgres} (an app's global database, tagged {@code app} too). */
    public static final String STORE_TAG = "store";
    /** DynamoDB's own measure of a global table's replication lag (namespace {@code AWS/DynamoDB}). */
    public static final String DYNAMODB_LAG = "ReplicationLatency";
    /** Aurora's own measure of a global database's replication lag (namespace {@code AWS/RDS}). */
    public static final String AURORA_LAG = "AuroraGlobalDBReplicationLag";

    private ReplicationMetrics() {}
}
