package io.tradewind.model.topology;

/** The DynamoDB tables that belong to no single app. */
public final class Tables {
    /** The runbook's audit of every rotation, global. */
    public static final String ROTATION_AUDIT = "ops-rotation-audit";

    /**
     * The runbook's lease: the one right to move apps between regions, held by one execution at a time. Global, with
     * multi-Region strong consistency, so both regions agree on its holder.
     */
    public static final String ROTATION_LEASE = "ops-rotation-lease";

    /** The participant registry: who may post, in which roles, and whether they are suspended. Global. */
    public static final String PARTICIPANTS = "tradewind-participants";

    private Tables() {}
}
