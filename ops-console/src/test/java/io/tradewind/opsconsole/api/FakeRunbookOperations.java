package io.tradewind.opsconsole.api;

import io.tradewind.opsconsole.runbook.ExecutionEvent;
import io.tradewind.opsconsole.runbook.RotationExecution;
import io.tradewind.opsconsole.runbook.RotationLease;
import io.tradewind.opsconsole.runbook.RotationRequest;
import io.tradewind.opsconsole.runbook.RunbookOperations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

/** The runbook's operations as the API sees them: records what it was asked, answers what a test sets. */
final class FakeRunbookOperations implements RunbookOperations {
    final List<String> calls = new ArrayList<>();
    RotationLease.Lease heldBy;
    final Map<String, List<ExecutionEvent>> events = new HashMap<>();
    final Map<String, RotationExecution> executions = new HashMap<>();
    RuntimeException refuseActions;

    @Override
    public String dryRun(RotationRequest request) {
        calls.add("dryRun " + request.mode() + " " + request.apps() + " " + request.source() + "->" + request.target());
        return "Planned rotation of " + String.join(" and ", request.apps()) + " (dry run: nothing is changed)";
    }

    @Override
    public String start(RotationRequest request, String operator) {
        if (heldBy != null) throw new RotationLease.LeaseHeldException(heldBy);
        calls.add("start " + request.mode() + " " + request.apps() + " " + request.source() + "->" + request.target()
                + " by " + operator);
        return "e-1";
    }

    @Override
    public String resume(String executionId, String operator) {
        if (refuseActions != null) throw refuseActions;
        calls.add("resume " + executionId + " by " + operator);
        return executionId;
    }

    @Override
    public String abort(String executionId, String operator) {
        if (refuseActions != null) throw refuseActions;
        calls.add("abort " + executionId + " by " + operator);
        return "rolled back";
    }

    @Override
    public void confirm(String executionId, String operator) {
        if (refuseActions != null) throw refuseActions;
        calls.add("confirm " + executionId + " by " + operator);
    }

    @Override
    public Optional<RotationExecution> execution(String executionId) {
        return Optional.ofNullable(executions.get(executionId));
    }

    @Override
    public List<RotationExecution> history() {
        return List.copyOf(executions.values());
    }

    @Override
    public AutoCloseable follow(String executionId, Consumer<ExecutionEvent> listener) {
        List<ExecutionEvent> so = events.get(executionId);
        if (so == null) throw new NoSuchElementException("no execution " + executionId);
        so.forEach(listener);
        return () -> calls.add("unfollow " + executionId);
    }
}
