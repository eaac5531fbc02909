package io.tradewind.opsconsole.cli;

import io.tradewind.opsconsole.access.CommandLineSignIn;
import io.tradewind.opsconsole.access.ConsoleRole;
import io.tradewind.opsconsole.access.ConsoleUsers;
import io.tradewind.opsconsole.adapter.secretsmanager.SecretsManagerConsoleUsers;
import io.tradewind.opsconsole.config.OperatorLogin;
import io.tradewind.opsconsole.config.RunbookTopology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The operator's sign-in of a command that changes something: who they are comes from their console login, checked
 * against the console's users as the console service checks it, and is what the audit and the logs record. The
 * password is never an argument.
 */
final class ConsoleLoginOptions {
    @Option(
            names = "--login-file",
            paramLabel = "FILE",
            description = "A file of user=password lines holding your console login (the line of "
                    + CommandLineSignIn.USER_VARIABLE + " if set, else the first). Default: "
                    + CommandLineSignIn.USER_VARIABLE + " and " + CommandLineSignIn.PASSWORD_VARIABLE
                    + " from the environment, else the sandbox's target/sandbox/"
                    + CommandLineSignIn.SANDBOX_LOGINS_FILE)
    Path loginFile;

    @Option(
            names = "--users",
            paramLabel = "FILE",
            description = "The console's users (a JSON list of name, roles, passwordHash) to check the login"
                    + " against. Default: " + CommandLineSignIn.USERS_VARIABLE + " from the environment, else on"
                    + " AWS the Secrets Manager secret the console service reads, else the sandbox's target/sandbox/"
                    + CommandLineSignIn.SANDBOX_USERS_FILE)
    Path usersFile;

    /** The environment the login and the users are read from: the process's, or a test's. */
    Map<String, String> environment = System.getenv();

    /**
     * Signs the operator in for {@code action}, which needs {@code needed}; prints one line to {@code err} and returns
     * empty when the login is missing, wrong or short of the role, or the users cannot be read.
     */
    Optional<String> operator(RunbookTopology topology, ConsoleRole needed, String action, PrintWriter err) {
        try {
            Path sandboxCredentials = Path.of(environment.getOrDefault(
                    OperatorLogin.SANDBOX_CREDENTIALS_VARIABLE, OperatorLogin.SANDBOX_CREDENTIALS));
            Optional<CommandLineSignIn.Login> login = CommandLineSignIn.login(
                    environment,
                    loginFile,
                    topology.aws() ? null : sandboxCredentials.resolveSibling(CommandLineSignIn.SANDBOX_LOGINS_FILE));
            if (login.isEmpty())
                return outcome(CommandLineSignIn.signIn(login, ConsoleUsers.none(), "", needed, action), err);
            Path sandboxUsers = sandboxCredentials.resolveSibling(CommandLineSignIn.SANDBOX_USERS_FILE);
            String source;
            ConsoleUsers users;
            if (usersFile != null) {
                source = usersFile.toString();
                users = CommandLineSignIn.usersFile(usersFile);
            } else if (environment.containsKey(CommandLineSignIn.USERS_VARIABLE)) {
                source = CommandLineSignIn.USERS_VARIABLE;
                users = ConsoleUsers.parse(environment.get(CommandLineSignIn.USERS_VARIABLE), source);
            } else if (topology.aws()) {
                String region = secretRegion(topology);
                source = SecretsManagerConsoleUsers.describe(region);
                users = SecretsManagerConsoleUsers.read(region);
            } else {
                source = sandboxUsers.toString();
                users = CommandLineSignIn.usersFile(sandboxUsers);
            }
            return outcome(CommandLineSignIn.signIn(login, users, source, needed, action), err);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.flush();
            return Optional.empty();
        }
    }

    /** The region whose copy of the replicated users secret to read: this machine's, else the topology's first. */
    private String secretRegion(RunbookTopology topology) {
        for (String variable : new String[] {"TRADEWIND_REGION", "AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String region = environment.get(variable);
            if (region != null && topology.regions().containsKey(region)) return region;
        }
        return topology.regions().keySet().stream().sorted().findFirst().orElseThrow();
    }

    private static Optional<String> outcome(CommandLineSignIn.Outcome outcome, PrintWriter err) {
        if (outcome instanceof CommandLineSignIn.Outcome.SignedIn signedIn)
            return Optional.of(signedIn.user().name());
        err.println(((CommandLineSignIn.Outcome.Refused) outcome).reason());
        err.flush();
        return Optional.empty();
    }
}
