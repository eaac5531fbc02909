package io.tradewind.opsconsole.cli;

import io.tradewind.opsconsole.runbook.ExecutionEvent;
import io.tradewind.opsconsole.runbook.RotationExecution;
import io.tradewind.opsconsole.runbook.RotationRunbook;
import io.tradewind.opsconsole.runbook.RunbookOperations;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Prints an execution's events as they happen until it ends, and answers what it asks: a failover whose source did not
 * confirm it stopped waits for an explicit confirmation. With a terminal attached the operator types the source
 * region's name to confirm (or {@code abort}); without one (a script), the command keeps waiting and says how to
 * confirm from another shell ({@code ops-console confirm ID}).
 */
final class ExecutionFollower {
    private ExecutionFollower() {}

    /** Follows the execution to its end; 0 when it SUCCEEDED, else 1. */
    static int followToTheEnd(RunbookOperations operations, String executionId, String operator) {
        BlockingQueue<ExecutionEvent> events = new LinkedBlockingQueue<>();
        try (AutoCloseable following = operations.follow(executionId, events::add)) {
            while (true) {
                ExecutionEvent event = events.take();
                System.out.println(RotationRunbook.lineOf(event));
                if (event.kind() == ExecutionEvent.Kind.AWAITING_CONFIRMATION)
                    askForConfirmation(operations, executionId, operator);
                if (event.kind() == ExecutionEvent.Kind.FINISHED) break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (Exception e) {
            System.err.println(e.getMessage());
            return 1;
        }
        RotationExecution ended = operations.execution(executionId).orElseThrow();
        return ended.succeeded() ? 0 : 1;
    }

    /** Asks at the terminal, on a thread of its own so the execution's events keep printing meanwhile. */
    private static void askForConfirmation(RunbookOperations operations, String executionId, String operator) {
        RotationExecution waiting = operations.execution(executionId).orElseThrow();
        Console console = System.console();
        if (console == null) {
            System.out.println("No terminal: confirm from another shell with `ops-console confirm " + executionId
                    + "`, or abort with `ops-console abort " + executionId + "`. Waiting.");
            return;
        }
        Thread asking = new Thread(
                () -> {
                    BufferedReader in = new BufferedReader(console.reader());
                    while (true) {
                        System.out.printf(
                                "Type %s to confirm that %s has stopped, or abort: ",
                                waiting.source(), waiting.source());
                        System.out.flush();
                        String answer;
                        try {
                            answer = in.readLine();
                        } catch (IOException e) {
                            return;
                        }
                        if (answer == null) return;
                        try {
                            if (answer.trim().equals(waiting.source())) {
                                operations.confirm(executionId, operator);
                                return;
                            }
                            if (answer.trim().equals("abort")) {
                                System.out.println(operations.abort(executionId, operator));
                                return;
                            }
                        } catch (RuntimeException e) {
                            System.err.println(e.getMessage());
                            return;
                        }
                    }
                },
                "confirmation-" + executionId);
        asking.setDaemon(true);
        asking.start();
    }
}
