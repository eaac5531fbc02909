package io.tradewind.platform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Every command line's errors: one line on standard error, exit code 2 for usage and endpoints, the stack trace only with --verbose. */
class CommandLinesTest {

    /** A command that fails as it is told to. */
    @Command(name = "probe", subcommands = Probe.Child.class)
    static final class Probe implements Callable<Integer>, ReachesEndpoints {
        @Mixin
        VerboseOption verbose;

        @Option(names = "--fail")
        String fail;

        @Option(names = "--count")
        int count;

        @Override
        public List<Endpoint> endpoints() {
            return List.of(
                    new Endpoint(Endpoint.DYNAMODB, "http://127.0.0.1:47203", "us-west-2", true),
                    new Endpoint(Endpoint.KINESIS, "http://127.0.0.1:47202", "us-west-2", true));
        }

        @Override
        public Integer call() {
            switch (fail == null ? "" : fail) {
                case "usage" -> throw new UsageError("--db-password-file /nowhere cannot be read");
                case "connect" ->
                    throw new IllegalStateException(
                            "Unable to call",
                            new ConnectException("Connect to 127.0.0.1:47203 failed: Connection refused"));
                case "bug" -> throw new IllegalStateException("the invariant broke\nsecond line");
                default -> {
                    return 0;
                }
            }
        }

        @Command(name = "child")
        static final class Child implements Callable<Integer> {
            @Override
            public Integer call() {
                throw new UsageError("the child was misused");
            }
        }
    }

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = CommandLines.of(new Probe());
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    @Test
    void aMistypedOptionIsOneLineAndExitCodeTwo() {
        assertThat(run("--count", "many")).isEqualTo(2);

        assertThat(errLines()).hasSize(1);
        assertThat(errLines().get(0)).startsWith("probe: ").contains("--count").contains("'many'");
    }

    @Test
    void anUnknownOptionIsOneLineWithoutTheUsage() {
        assertThat(run("--colour")).isEqualTo(2);

        assertThat(errLines()).containsExactly("probe: Unknown option: '--colour' (probe --help lists the options)");
    }

    @Test
    void aUsageErrorFoundByTheCommandIsOneLineAndExitCodeTwo() {
        assertThat(run("--fail", "usage")).isEqualTo(2);

        assertThat(errLines()).containsExactly("probe: --db-password-file /nowhere cannot be read");
    }

    @Test
    void anEndpointThatRefusesConnectionsIsNamedWithItsRegion() {
        assertThat(run("--fail", "connect")).isEqualTo(2);

        assertThat(errLines())
                .containsExactly(
                        "probe: cannot reach DynamoDB at http://127.0.0.1:47203 (us-west-2): is the sandbox running?");
    }

    @Test
    void anyOtherFailureIsOneLineAndExitCodeOne() {
        assertThat(run("--fail", "bug")).isEqualTo(1);

        assertThat(errLines()).containsExactly("probe: failed: the invariant broke (--verbose prints the stack trace)");
    }

    @Test
    void verbosePrintsTheStackTraceAfterTheLine() {
        assertThat(run("--fail", "connect", "--verbose")).isEqualTo(2);

        assertThat(errLines().get(0)).startsWith("probe: cannot reach DynamoDB");
        assertThat(errLines().size()).isGreaterThan(3);
        assertThat(err.toString()).contains("java.net.ConnectException").contains("\tat ");
    }

    @Test
    void withoutVerboseThereIsNoStackTrace() {
        run("--fail", "connect");

        assertThat(err.toString()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void verboseIsInheritedBySubcommandsOnEitherSide() {
        assertThat(run("child", "--verbose")).isEqualTo(2);
        assertThat(err.toString()).contains("\tat ");

        StringWriter before = new StringWriter();
        CommandLine line = CommandLines.of(new Probe());
        line.setErr(new PrintWriter(before, true));
        assertThat(line.execute("--verbose", "child")).isEqualTo(2);
        assertThat(before.toString()).startsWith("child: the child was misused").contains("\tat ");
    }
}
