package io.tradewind.model.topology;

/** The DynamoDB tables that belong to no single app. */
public final class Tables {
    /** The runbook's audit of every rotation, global. */
    public static final String ROTATION_AUDIT = "ops-rotation-audit";

    /** The participant registry: who may post, in which roles, and whether they are suspended. Global. */
    public static final String PARTICIPANTS = "tradewind-participants";

    private Tables() {}
}
