package io.tradewind.opsconsole.runbook;

import java.time.Instant;

/**
 * Something an operator did to an execution, as the audit records it: who started it, resumed it, confirmed what it
 * asked, or asked it to stop.
 */
public record OperatorAction(Kind kind, String operator, Instant at) {
    public enum Kind {
        STARTED,
        RESUMED,
        /** Confirmed what the execution awaited (a failover's source that did not confirm it stopped). */
        CONFIRMED,
        /** Asked the execution to stop and roll back; the execution's outcome says whether it did. */
        ABORTED
    }

    public OperatorAction {
        if (kind == null) throw new IllegalArgumentException("kind is missing");
        if (operator == null || operator.isBlank())
            throw new IllegalArgumentException("operator is blank: " + operator);
        if (at == null) throw new IllegalArgumentException("at is missing");
    }
}
