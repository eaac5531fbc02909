package io.tradewind.opsconsole.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.opsconsole.access.CommandLineSignIn.Login;
import io.tradewind.opsconsole.access.CommandLineSignIn.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineSignInTest {
    private static final ConsoleUsers USERS = ConsoleUsers.of(List.of(
            ConsoleUsers.withPassword("sre-operator", Set.of(ConsoleRole.OPERATOR), "op-pass"),
            ConsoleUsers.withPassword("sre-viewer", Set.of(ConsoleRole.VIEWER), "view-pass")));

    @TempDir
    Path dir;

    @Test
    void signsAnOperatorInFromTheEnvironment() {
        Optional<Login> login = CommandLineSignIn.login(
                Map.of(CommandLineSignIn.USER_VARIABLE, "sre-operator", CommandLineSignIn.PASSWORD_VARIABLE, "op-pass"),
                null,
                null);

        assertThat(CommandLineSignIn.signIn(login, USERS, "users", ConsoleRole.OPERATOR, "rotate"))
                .isEqualTo(new Outcome.SignedIn(USERS.find("sre-operator").orElseThrow()));
        assertThat(login.orElseThrow().toString()).doesNotContain("op-pass");
    }

    @Test
    void takesTheFirstLineOfALoginFileOrTheLineOfTheUserTheEnvironmentNames() throws Exception {
        Path file = Files.writeString(dir.resolve("logins"), "# sandbox\nsre-operator=op-pass\nsre-viewer=view-pass\n");

        assertThat(CommandLineSignIn.login(Map.of(), file, null)).contains(new Login("sre-operator", "op-pass"));
        assertThat(CommandLineSignIn.login(Map.of(CommandLineSignIn.USER_VARIABLE, "sre-viewer"), file, null))
                .contains(new Login("sre-viewer", "view-pass"));
        assertThatThrownBy(() -> CommandLineSignIn.login(Map.of(CommandLineSignIn.USER_VARIABLE, "carol"), file, null))
                .hasMessageContaining("has no line for user carol");
    }

    @Test
    void fallsBackToTheSandboxsLoginsOnlyWithoutALoginOfItsOwn() throws Exception {
        Path sandbox = Files.writeString(dir.resolve("console-logins.properties"), "sre-operator=op-pass\n");

        assertThat(CommandLineSignIn.login(Map.of(), null, sandbox)).contains(new Login("sre-operator", "op-pass"));
        assertThat(CommandLineSignIn.login(
                        Map.of(CommandLineSignIn.USER_VARIABLE, "me", CommandLineSignIn.PASSWORD_VARIABLE, "pw"),
                        null,
                        sandbox))
                .contains(new Login("me", "pw"));
        assertThat(CommandLineSignIn.login(Map.of(), null, dir.resolve("none"))).isEmpty();
    }

    @Test
    void refusesNoLoginAWrongPasswordAnUnknownUserAndAViewerEachOnOneLine() {
        Outcome none = CommandLineSignIn.signIn(Optional.empty(), USERS, "users", ConsoleRole.OPERATOR, "rotate");
        Outcome wrong = CommandLineSignIn.signIn(
                Optional.of(new Login("sre-operator", "nope")), USERS, "users.json", ConsoleRole.OPERATOR, "rotate");
        Outcome unknown = CommandLineSignIn.signIn(
                Optional.of(new Login("carol", "op-pass")), USERS, "users.json", ConsoleRole.OPERATOR, "rotate");
        Outcome viewer = CommandLineSignIn.signIn(
                Optional.of(new Login("sre-viewer", "view-pass")), USERS, "users.json", ConsoleRole.OPERATOR, "rotate");

        assertThat(((Outcome.Refused) none).reason())
                .isEqualTo("rotate needs a console login: set TRADEWIND_CONSOLE_USER and TRADEWIND_CONSOLE_PASSWORD,"
                        + " or give --login-file FILE (user=password)");
        assertThat(((Outcome.Refused) wrong).reason())
                .isEqualTo("console login sre-operator refused: wrong user or password for the console users of"
                        + " users.json");
        assertThat(((Outcome.Refused) unknown).reason())
                .startsWith("console login carol refused: wrong user or password");
        assertThat(((Outcome.Refused) viewer).reason())
                .isEqualTo("console user sre-viewer has roles [VIEWER]; rotate needs OPERATOR");
        assertThat(CommandLineSignIn.signIn(
                        Optional.of(new Login("sre-viewer", "view-pass")), USERS, "u", ConsoleRole.VIEWER, "list"))
                .isInstanceOf(Outcome.SignedIn.class);
    }

    @Test
    void readsAUsersFileAndNamesItWhenItCannot() throws Exception {
        Path file = Files.writeString(dir.resolve("users.json"), USERS.toJson());

        assertThat(CommandLineSignIn.usersFile(file).authenticate("sre-viewer", "view-pass"))
                .isPresent();
        assertThatThrownBy(() -> CommandLineSignIn.usersFile(dir.resolve("missing.json")))
                .hasMessageContaining("cannot read the console users file " + dir.resolve("missing.json"));
    }
}
