package io.tradewind.opsconsole.runbook;

/** Why an app moves: a planned rotation (drain, then a switchover that loses nothing) or a failover (now, lossy). */
public enum RotationMode {
    /** Planned: the source is healthy; it is drained and the database switched over with no data lost (RPO 0). */
    ROTATE,
    /** Unplanned: the source is gone or failing; no drain, the database fails over and its un-replicated tail is lost. */
    FAILOVER
}
