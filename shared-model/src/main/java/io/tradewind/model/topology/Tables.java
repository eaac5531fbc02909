package io.tradewind.model.topology;

/** The DynamoDB tables that belong to no single app. */
public final class Tables {
    /** The runbook's audit of every rotation, global. */
    public static final String ROTATION_AUDIT = "ops-rotation-audit";

    private Tables() {}
}
