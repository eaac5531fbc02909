package io.tradewind.opsconsole.cli;

import io.tradewind.localaws.EmulatedRegion;
import io.tradewind.localaws.LocalAws;
import io.tradewind.opsconsole.access.ConsoleRole;
import io.tradewind.opsconsole.access.ConsoleUsers;
import io.tradewind.opsconsole.config.RunbookTopology;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The ops console's command line run in-process against the emulated regions, as an SRE runs it against AWS. */
final class ConsoleAgainstEmulators {
    private ConsoleAgainstEmulators() {}

    record Result(int exit, String out, String err) {}

    /**
     * The emulators' endpoints in the shape of a topology file on AWS, each region's broker users kept through its
     * emulated Amazon MQ user API.
     */
    static RunbookTopology topologyOf(LocalAws aws) {
        Map<String, RunbookTopology.Region> regions = new LinkedHashMap<>();
        for (EmulatedRegion region : aws.regions())
            regions.put(
                    region.name(),
                    new RunbookTopology.Region(
                            region.brokerUri(),
                            region.kinesisEndpoint(),
                            region.dynamoDbEndpoint(),
                            region.postgresJdbcUrl(),
                            region.postgresUser(),
                            region.postgresPassword(),
                            Map.of(),
                            region.brokerUsersEndpoint(),
                            List.of(region.brokerId())));
        return new RunbookTopology(
                aws.arc().endpoints(),
                aws.arc().controlPanelArn(),
                aws.globalDatabaseEndpoint().orElseThrow(),
                Map.of(),
                regions,
                null,
                null);
    }

    /** The console user the ITs sign in as, an operator: the audit and the logs name them. */
    static final String OPERATOR = "it-operator";

    /**
     * The options that sign {@link #OPERATOR} in, a command that changes something being given them: a users file and
     * a login file written under {@code dir}.
     */
    static List<String> operatorLogin(Path dir) {
        try {
            Files.createDirectories(dir);
            Path users = Files.writeString(
                    dir.resolve("console-users.json"),
                    ConsoleUsers.of(List.of(
                                    ConsoleUsers.withPassword(OPERATOR, Set.of(ConsoleRole.OPERATOR), "it-pass")))
                            .toJson());
            Path login = Files.writeString(dir.resolve("console-login.properties"), OPERATOR + "=it-pass\n");
            return List.of("--users", users.toString(), "--login-file", login.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the command line with standard out and error captured; the JVM's own streams are restored after. */
    static Result run(List<String> args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        try {
            int exit = OpsConsoleCommand.run(args.toArray(String[]::new));
            return new Result(
                    exit, capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
