package io.tradewind.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.opsconsole.access.CommandLineSignIn;
import io.tradewind.opsconsole.access.ConsoleRole;
import io.tradewind.opsconsole.access.ConsoleUsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoConsoleUsersTest {
    @TempDir
    Path dir;

    @Test
    void makesAnOperatorAndAViewerWithNewPasswordsAtEachStartInOwnerOnlyFiles() throws Exception {
        DemoConsoleUsers first = DemoConsoleUsers.create(dir, new SecureRandom());
        Map<String, String> firstLogins = Map.copyOf(first.logins());
        DemoConsoleUsers second = DemoConsoleUsers.create(dir, new SecureRandom());

        assertThat(second.logins().keySet()).containsExactly("sre-operator", "sre-viewer");
        assertThat(second.logins().get("sre-operator")).isNotEqualTo(firstLogins.get("sre-operator"));
        assertThat(second.users().find("sre-operator").orElseThrow().roles()).containsExactly(ConsoleRole.OPERATOR);
        assertThat(second.users().find("sre-viewer").orElseThrow().roles()).containsExactly(ConsoleRole.VIEWER);
        for (Path file : new Path[] {second.loginsFile(), second.usersFile()})
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as(file.toString())
                    .isEqualTo("rw-------");
        assertThat(Files.readString(second.usersFile()))
                .doesNotContain(second.logins().values());
        assertThat(second.table())
                .contains("sre-viewer", "VIEWER", second.logins().get("sre-viewer"));
    }

    @Test
    void theCommandLineSignsInAsTheOperatorFromTheFilesByDefault() {
        DemoConsoleUsers users = DemoConsoleUsers.create(dir, new SecureRandom());

        Optional<CommandLineSignIn.Login> login = CommandLineSignIn.login(Map.of(), null, users.loginsFile());
        ConsoleUsers known = CommandLineSignIn.usersFile(users.usersFile());

        assertThat(login.orElseThrow().user()).isEqualTo(DemoConsoleUsers.OPERATOR);
        assertThat(CommandLineSignIn.signIn(login, known, "the sandbox", ConsoleRole.OPERATOR, "rotate"))
                .isInstanceOf(CommandLineSignIn.Outcome.SignedIn.class);
        assertThat(CommandLineSignIn.login(
                                Map.of(CommandLineSignIn.USER_VARIABLE, DemoConsoleUsers.VIEWER),
                                null,
                                users.loginsFile())
                        .orElseThrow()
                        .password())
                .isEqualTo(users.logins().get(DemoConsoleUsers.VIEWER));
    }
}
