package io.tradewind.opsconsole.runbook;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the console's API, its dashboard and the command line ask of the runbook. Executions run on threads of their
 * own: {@link #start} returns the execution's id once it holds the lease, and the execution is audited before and after
 * every step, so one that stops half-way (its process killed) is found INTERRUPTED at that step and can be resumed or
 * aborted, here or from another process.
 */
public interface RunbookOperations {

    /** The plan, step by step with the concrete changes each makes; reads and changes nothing. */
    String dryRun(RotationRequest request);

    /**
     * Takes the lease and starts the execution.
     *
     * @param operator the authenticated user, as the audit records them
     * @return the execution's id, at once
     * @throws RotationLease.LeaseHeldException when another execution runs
     * @throws IllegalArgumentException when the request names an unknown app or region
     */
    String start(RotationRequest request, String operator);

    /** Continues an INTERRUPTED (or confirmation-awaiting) execution from the step where it stopped. */
    String resume(String executionId, String operator);

    /**
     * Stops an execution (running or INTERRUPTED) and rolls back from where it stopped: before the database moved, the
     * source gets its routing controls back; after, it refuses and says to resume or rotate back.
     */
    String abort(String executionId, String operator);

    /** Confirms what an execution awaiting confirmation asks (a failover whose source did not confirm it stopped). */
    void confirm(String executionId, String operator);

    /** One execution as it stands now: live if it runs here, else from the audit (INTERRUPTED when no one runs it). */
    Optional<RotationExecution> execution(String executionId);

    /** Every execution the audit holds, newest first. */
    List<RotationExecution> history();

    /**
     * Follows an execution: {@code listener} gets the events so far, then each as it happens, until FINISHED. Close the
     * returned handle to stop following.
     */
    AutoCloseable follow(String executionId, Consumer<ExecutionEvent> listener);
}
