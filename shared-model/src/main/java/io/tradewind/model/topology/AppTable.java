package io.tradewind.model.topology;

import java.util.Arrays;
import java.util.List;

/**
 * The DynamoDB tables every app has, each named {@code <app>-<kind>}, and how each spans the regions: the emulated
 * replication in {@code local-aws} and the global tables on AWS are declared from this.
 */
public enum AppTable {
    /** The inbound gateway's journal of every message taken from MQ, global. */
    INBOUND_JOURNAL("inbound-journal", false),
    /** The messages the outbound gateway sent, global. */
    SENT_LOG("sent-log", false),
    /** Every send before it is made, strongly consistent across the regions. */
    SEND_LEDGER("send-ledger", true),
    /** The reconciliation runs for the app, global. */
    RECONCILIATION_AUDIT("reconciliation-audit", false);

    private final String kind;
    private final boolean stronglyConsistent;

    AppTable(String kind, boolean stronglyConsistent) {
        this.kind = kind;
        this.stronglyConsistent = stronglyConsistent;
    }

    /** What follows the app's name and a hyphen, e.g. {@code inbound-journal}. */
    public String kind() {
        return kind;
    }

    /** The table of {@code app}, e.g. {@code trade-matching-inbound-journal}. */
    public String of(String app) {
        return app + "-" + kind;
    }

    /** Whether a write returns only once every region holds it (otherwise it reaches the others after a lag). */
    public boolean stronglyConsistent() {
        return stronglyConsistent;
    }

    /** The kinds of table replicated after a lag ({@code false}) or written to every region at once ({@code true}). */
    public static List<AppTable> replicated(boolean stronglyConsistent) {
        return Arrays.stream(values())
                .filter(table -> table.stronglyConsistent == stronglyConsistent)
                .toList();
    }
}
