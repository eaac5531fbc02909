package io.tradewind.opsconsole.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.topology.Secrets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleUsersTest {
    private static final ConsoleUser ALICE =
            ConsoleUsers.withPassword("alice", Set.of(ConsoleRole.OPERATOR), "a-secret");
    private static final ConsoleUser BOB =
            ConsoleUsers.withPassword("bob@example.com", Set.of(ConsoleRole.VIEWER), "b-secret");
    private final ConsoleUsers users = ConsoleUsers.of(List.of(ALICE, BOB));

    @Test
    void authenticatesAUserByTheirPasswordAndNoOtherway() {
        assertThat(users.authenticate("alice", "a-secret")).contains(ALICE);
        assertThat(users.authenticate("alice", "b-secret")).isEmpty();
        assertThat(users.authenticate("alice", "")).isEmpty();
        assertThat(users.authenticate("alice", null)).isEmpty();
        assertThat(users.authenticate("carol", "a-secret")).isEmpty();
        assertThat(users.authenticate(null, "a-secret")).isEmpty();
    }

    @Test
    void keepsTheHashNeverThePassword() {
        assertThat(ALICE.passwordHash()).startsWith("$2a$10$").doesNotContain("a-secret");
        assertThat(ALICE.toString()).doesNotContain(ALICE.passwordHash());
        assertThat(users.toJson()).doesNotContain("a-secret").contains(ALICE.passwordHash());
    }

    @Test
    void anOperatorMayDoWhatAViewerMayAndAViewerMayOnlyRead() {
        assertThat(ALICE.may(ConsoleRole.OPERATOR)).isTrue();
        assertThat(ALICE.may(ConsoleRole.VIEWER)).isTrue();
        assertThat(ALICE.effectiveRoles()).containsExactlyInAnyOrder(ConsoleRole.OPERATOR, ConsoleRole.VIEWER);
        assertThat(BOB.may(ConsoleRole.VIEWER)).isTrue();
        assertThat(BOB.may(ConsoleRole.OPERATOR)).isFalse();
        assertThat(BOB.effectiveRoles()).containsExactly(ConsoleRole.VIEWER);
    }

    @Test
    void readsTheDocumentItWritesAsAListOrAsAnObjectWithUsers() {
        ConsoleUsers read = ConsoleUsers.parse(users.toJson(), "test");
        ConsoleUsers wrapped = ConsoleUsers.parse("{\"users\": " + users.toJson() + "}", "test");

        assertThat(read.all()).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(wrapped.all()).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(read.authenticate("bob@example.com", "b-secret")).contains(BOB);
        assertThat(ConsoleUsers.parse("  ", "test").isEmpty()).isTrue();
        assertThat(ConsoleUsers.parse("[]", "test").isEmpty()).isTrue();
    }

    @Test
    void readsADocumentASecretImportAlreadyParsedIntoListsAndMaps() {
        Object parsed =
                List.of(Map.of("name", "alice", "roles", List.of("operator"), "passwordHash", ALICE.passwordHash()));

        assertThat(ConsoleUsers.fromObject(parsed, "secret").authenticate("alice", "a-secret"))
                .contains(ALICE);
    }

    @Test
    void refusesAPasswordInClearAndAHashThatIsNotBcryptNamingTheUser() {
        assertThatThrownBy(() -> ConsoleUsers.parse(
                        "[{\"name\":\"alice\",\"roles\":[\"OPERATOR\"],\"password\":\"a-secret\"}]", "the test's"))
                .hasMessageContaining("console user alice in the test's has a password in clear");
        assertThatThrownBy(() -> ConsoleUsers.parse(
                        "[{\"name\":\"alice\",\"roles\":[\"OPERATOR\"],\"passwordHash\":\"a-secret\"}]", "x"))
                .hasMessageContaining("console user alice's passwordHash is not a BCrypt hash")
                .hasMessageNotContaining("a-secret");
    }

    @Test
    void refusesAUserWithoutRolesAnUnknownRoleABadNameAndANameGivenTwice() {
        String hash = ALICE.passwordHash();
        assertThatThrownBy(() -> new ConsoleUser("alice", Set.of(), hash)).hasMessageContaining("alice has no roles");
        assertThatThrownBy(() -> ConsoleUsers.parse(
                        "[{\"name\":\"alice\",\"roles\":[\"ADMIN\"],\"passwordHash\":\"" + hash + "\"}]", "x"))
                .hasMessageContaining("ADMIN");
        assertThatThrownBy(() -> new ConsoleUser("alice smith", Set.of(ConsoleRole.VIEWER), hash))
                .hasMessageContaining("name 'alice smith' is not");
        assertThatThrownBy(() -> ConsoleUsers.of(List.of(ALICE, ALICE))).hasMessageContaining("alice is given twice");
        assertThatThrownBy(() -> ConsoleUsers.parse("{\"name\":\"alice\"}", "x"))
                .hasMessageContaining("not a list");
        assertThatThrownBy(() -> ConsoleUsers.parse("[{", "x")).hasMessageContaining("are not JSON");
    }

    @Test
    void theUsersSecretImportsAsTheUsersProperty() {
        // A secret that is a JSON list is imported under the prefix as one property named by its last segment.
        String prefix = ConsoleUsers.PROPERTY.substring(0, ConsoleUsers.PROPERTY.lastIndexOf('.') + 1);
        String lastSegment = Secrets.CONSOLE_USERS.substring(Secrets.CONSOLE_USERS.lastIndexOf('/') + 1);
        assertThat(prefix + lastSegment).isEqualTo(ConsoleUsers.PROPERTY);
    }
}
