package io.tradewind.platform.reconciliation;

import java.util.List;

/**
 * What became of one journaled input in a region: ingestion rejected it, matching applied it, or neither has decided
 * it yet. A decided input is terminal once every message in {@code impliedMessageIds} is in the sent-log.
 *
 * @param impliedMessageIds the ids of the outbound messages the decision implies, as the app sends them: the REJECTED
 *     report of a rejection, the reports, instructions and confirmations of what matching applied; none for an input
 *     not decided yet
 */
public record InputFate(Decision decision, List<String> impliedMessageIds) {
    /** How far the app's stages took the input. */
    public enum Decision {
        REJECTED,
        APPLIED,
        UNDECIDED
    }

    /** An input no stage has decided: never ingested, or booked but not matched. */
    public static final InputFate UNDECIDED = new InputFate(Decision.UNDECIDED, List.of());

    public InputFate {
        if (decision == null) throw new IllegalArgumentException("decision is null");
        impliedMessageIds = List.copyOf(impliedMessageIds);
        if (decision == Decision.UNDECIDED && !impliedMessageIds.isEmpty())
            throw new IllegalArgumentException("an undecided input implies no messages: " + impliedMessageIds);
    }

    public static InputFate rejected(List<String> impliedMessageIds) {
        return new InputFate(Decision.REJECTED, impliedMessageIds);
    }

    public static InputFate applied(List<String> impliedMessageIds) {
        return new InputFate(Decision.APPLIED, impliedMessageIds);
    }

    public boolean decided() {
        return decision != Decision.UNDECIDED;
    }
}
