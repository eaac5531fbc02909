package io.tradewind.platform.cli;

import io.tradewind.model.topology.SandboxEndpoints;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Builds every Tradewind command line the same way. A usage mistake (picocli's, or a {@link UsageError}) and an
 * endpoint that cannot be reached, refuses the login or lacks what the sandbox creates ({@link Unreachable}, for a
 * command that {@link ReachesEndpoints}) are one line on standard error, {@code <command>: <what was wrong>}, and exit
 * code 2; any other failure is one line and exit code 1. With {@code --verbose} the stack trace follows the line.
 */
public final class CommandLines {
    /** A usage mistake, or an endpoint that cannot be used: the command did nothing. */
    public static final int USAGE = CommandLine.ExitCode.USAGE;
    /** A failure on the way. */
    public static final int FAILED = 1;

    /** A participant's or service's broker password, for a tool that logs in as one user. */
    public static final String MQ_PASSWORD_VARIABLE = "TRADEWIND_MQ_PASSWORD";
    /** The password of the truststore an {@code ssl://} broker URL trusts (the services read it too). */
    public static final String MQ_TRUSTSTORE_PASSWORD_VARIABLE = "TRADEWIND_MQ_TRUSTSTORE_PASSWORD";
    /** The broker users' {@code user=password} file a sandbox started from the repository's root writes. */
    public static final String SANDBOX_CREDENTIALS = "target/sandbox/credentials.properties";

    private static final OneLineErrors ONE_LINE_ERRORS = new OneLineErrors();

    private CommandLines() {}

    /** {@code command}'s command line with the one-line error handlers. */
    public static CommandLine of(Object command) {
        return new CommandLine(command)
                .setParameterExceptionHandler(ONE_LINE_ERRORS)
                .setExecutionExceptionHandler(ONE_LINE_ERRORS);
    }

    /** Runs {@code command} with {@code args}; the exit code. */
    public static int execute(Object command, String... args) {
        return of(command).execute(args);
    }

    /** The sandbox's endpoints of {@code region}; a region the sandbox does not run is a usage error. */
    public static SandboxEndpoints.Region sandboxRegion(String region) {
        try {
            return SandboxEndpoints.region(region);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--region: " + e.getMessage(), e);
        }
    }

    /** Prints one line per error, the stack trace too under {@code --verbose}. */
    static final class OneLineErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
        @Override
        public int handleParseException(ParameterException e, String[] args) {
            CommandLine line = e.getCommandLine();
            String name = line.getCommandSpec().name();
            print(
                    line,
                    name + ": " + Unreachable.oneLine(String.valueOf(e.getMessage())) + " (" + name
                            + " --help lists the options)",
                    e,
                    Arrays.asList(args).contains(VerboseOption.NAME));
            return USAGE;
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine line, ParseResult parsed) {
            int exitCode = USAGE;
            String what;
            Optional<String> unreachable;
            if (e instanceof ParameterException || e instanceof UsageError) what = e.getMessage();
            else if ((unreachable = unreachable(e, line)).isPresent()) what = unreachable.get();
            else {
                exitCode = FAILED;
                what = "failed: " + describe(e);
            }
            boolean verbose = verbose(parsed);
            print(
                    line,
                    line.getCommandSpec().name() + ": " + Unreachable.oneLine(String.valueOf(what))
                            + (verbose || exitCode == USAGE
                                    ? ""
                                    : " (" + VerboseOption.NAME + " prints the stack trace)"),
                    e,
                    verbose);
            return exitCode;
        }

        private static Optional<String> unreachable(Exception e, CommandLine line) {
            if (!(line.getCommand() instanceof ReachesEndpoints command)) return Optional.empty();
            try {
                return Unreachable.explain(e, command.endpoints());
            } catch (RuntimeException optionsThatNameNoEndpoint) {
                return Optional.empty();
            }
        }

        private static void print(CommandLine line, String sentence, Exception e, boolean verbose) {
            PrintWriter err = line.getErr();
            err.println(sentence);
            if (verbose) e.printStackTrace(err);
            err.flush();
        }

        private static boolean verbose(ParseResult parsed) {
            for (ParseResult each = parsed; each != null; each = each.subcommand())
                if (each.hasMatchedOption(VerboseOption.NAME)) return true;
            return false;
        }

        /** The exception in words: its message, and its root cause's when that says more. */
        private static String describe(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (root == e || root.getMessage() == null || message.contains(root.getMessage())) return message;
            return message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
    }
}
