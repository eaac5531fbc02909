package io.tradewind.opsconsole.cli;

import io.tradewind.opsconsole.config.RunbookWiring;
import io.tradewind.opsconsole.runbook.RotationExecution;
import io.tradewind.opsconsole.runbook.RotationLease;
import io.tradewind.opsconsole.runbook.RunbookOperations;
import io.tradewind.platform.cli.Endpoint;
import io.tradewind.platform.cli.ReachesEndpoints;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The commands that take up an execution by its id: resume or abort one that stopped half-way, confirm what one awaits,
 * and show the audit. An execution that is still running in another process is left to it: these refuse, naming who
 * holds its lease.
 */
final class ExecutionCommands {
    private ExecutionCommands() {}

    /** Runs {@code command} against the runbook's operations; refusals print their reason and exit 1. */
    private static int with(
            OpsConsoleCommand.Connection connection,
            boolean reachesBrokers,
            Function<RunbookOperations, Integer> command) {
        try (RunbookWiring wiring = connection.wiring(reachesBrokers)) {
            if (wiring == null) return CommandLine.ExitCode.USAGE;
            return command.apply(wiring.operations());
        } catch (RotationLease.LeaseHeldException | IllegalStateException e) {
            // A refusal says why (exit code 1); an endpoint that does not answer is named (2).
            return OpsConsoleCommand.failed(e, connection.endpoints(), new PrintWriter(System.err, true), "");
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
    }

    /**
     * A command that changes one execution: the operator signs in for it first, and it acts on the runbook's operations
     * as them.
     */
    abstract static class ExecutionChange implements Callable<Integer>, ReachesEndpoints {
        @Parameters(index = "0", description = "The execution's id (ops-console executions lists them)")
        String executionId;

        @Mixin
        OpsConsoleCommand.Connection connection = new OpsConsoleCommand.Connection();

        private final String action;
        private final boolean reachesBrokers;

        /** @param reachesBrokers whether the execution continues here (a resumed or confirmed one may drain) */
        ExecutionChange(String action, boolean reachesBrokers) {
            this.action = action;
            this.reachesBrokers = reachesBrokers;
        }

        abstract int change(RunbookOperations operations, String operator);

        @Override
        public List<Endpoint> endpoints() {
            return connection.endpoints();
        }

        @Override
        public Integer call() {
            if (!connection.signIn(action)) return CommandLine.ExitCode.USAGE;
            return with(connection, reachesBrokers, operations -> change(operations, connection.operator()));
        }
    }

    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = "Continue an INTERRUPTED execution from the step where it stopped, and follow it to its end.")
    static final class Resume extends ExecutionChange {
        Resume() {
            super("resume", true);
        }

        @Override
        int change(RunbookOperations operations, String operator) {
            String id = operations.resume(executionId, operator);
            return ExecutionFollower.followToTheEnd(operations, id, operator);
        }
    }

    @Command(
            name = "abort",
            mixinStandardHelpOptions = true,
            description = "Stop an INTERRUPTED execution (or one awaiting confirmation) and roll it back: the source"
                    + " gets its routing controls back. Refused once the database moved: resume it or rotate back.")
    static final class Abort extends ExecutionChange {
        Abort() {
            super("abort", false);
        }

        @Override
        int change(RunbookOperations operations, String operator) {
            System.out.println(operations.abort(executionId, operator));
            return 0;
        }
    }

    @Command(
            name = "confirm",
            mixinStandardHelpOptions = true,
            description = "Confirm that a failover's source has stopped, as the execution awaiting it asks; it"
                    + " continues (here, if no one else runs it) and is followed to its end.")
    static final class Confirm extends ExecutionChange {
        Confirm() {
            super("confirm", true);
        }

        @Override
        int change(RunbookOperations operations, String operator) {
            operations.confirm(executionId, operator);
            System.out.println("confirmed by " + operator);
            return ExecutionFollower.followToTheEnd(operations, executionId, operator);
        }
    }

    @Command(
            name = "executions",
            mixinStandardHelpOptions = true,
            description = "The runbook's executions, newest first: who ran each, how it ended and its RTO.")
    static final class Executions implements Callable<Integer>, ReachesEndpoints {
        @Mixin
        OpsConsoleCommand.Connection connection = new OpsConsoleCommand.Connection();

        @Override
        public List<Endpoint> endpoints() {
            return connection.endpoints();
        }

        @Override
        public Integer call() {
            return with(connection, false, operations -> {
                System.out.println(ExecutionText.table(operations.history()));
                return 0;
            });
        }
    }

    @Command(
            name = "execution",
            mixinStandardHelpOptions = true,
            description = "One execution: its steps with their durations and details, and who did what.")
    static final class Show implements Callable<Integer>, ReachesEndpoints {
        @Parameters(index = "0", description = "The execution's id")
        String executionId;

        @Mixin
        OpsConsoleCommand.Connection connection = new OpsConsoleCommand.Connection();

        @Override
        public List<Endpoint> endpoints() {
            return connection.endpoints();
        }

        @Override
        public Integer call() {
            return with(connection, false, operations -> {
                Optional<RotationExecution> execution = operations.execution(executionId);
                if (execution.isEmpty()) {
                    System.err.println("no execution " + executionId + " in the audit");
                    return 1;
                }
                System.out.println(ExecutionText.details(execution.get()));
                return 0;
            });
        }
    }
}
