package io.tradewind.opsconsole.runbook;

/**
 * The steps a rotation is made of, in the order they run. Which of them a plan holds depends on its mode: a failover
 * has no drain and fails the database over instead of switching it over.
 */
public enum StepKind {
    PRE_FLIGHT("check the target is healthy, replication lag is below the bound and the safety rules allow the move"),
    INBOUND_OFF_SOURCE("turn the source's inbound routing control Off: its gateways stop taking messages from MQ"),
    DRAIN("drain the source: wait until its stages have caught up and replication lag is 0, moving what still"
            + " reaches its inbound queues to the target's, where it waits for the target's gateways"),
    PROCESSING_OFF_SOURCE("turn the source's processing routing control Off and wait until its stages have stopped"),
    DATABASE_SWITCHOVER("switch the global database's writer to the target once replication lag is 0 (no data lost)"),
    DATABASE_FAILOVER("fail the global database over to the target now; what had not replicated is lost and counted"),
    PROCESSING_ON_TARGET("turn the target's processing routing control On and wait until its stages run"),
    INBOUND_ON_TARGET("turn the target's inbound routing control On, wait until its gateways take messages and its"
            + " stages process new input"),
    RECONCILE("reconcile the target: replay every journaled input that did not reach its terminal state, once"),
    POST_CHECKS("check exactly one region runs the app, forward late arrivals on the source's queues, and wait until"
            + " every replayed input has resolved");

    private final String description;

    StepKind(String description) {
        this.description = description;
    }

    /** What the step does, as the dry run prints it. */
    public String description() {
        return description;
    }
}
