package io.tradewind.sandbox.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.sandbox.readme.ReadmeCommands.Shown;
import io.tradewind.sandbox.readme.ReadmeTable.Entry;
import io.tradewind.sandbox.readme.ReadmeTable.How;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every command the READMEs show is in {@link ReadmeTable}, so none goes unexercised: a new one fails here, with how to
 * add it; an entry no README shows any more fails too, and so does a CI step {@code .ci/run} does not run.
 */
class ReadmeTableTest {
    /** The repository's root; tests run in the sandbox module's directory. */
    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyCommandTheReadmesShowIsInTheTable() {
        List<String> missing = ReadmeCommands.in(REPOSITORY).stream()
                .filter(shown -> ReadmeTable.of(shown.text()).isEmpty())
                .map(shown -> shown.where() + ": " + shown.text())
                .toList();

        assertThat(missing)
                .as("commands the READMEs show that the build does not exercise. Add each to ReadmeTable.ENTRIES"
                        + " (sandbox/src/test/java/io/tradewind/sandbox/readme/ReadmeTable.java), its text exactly as"
                        + " quoted here, with run(...) (run for real), onSandbox(...) (against the README's sandbox),"
                        + " untilStarted(...) (a long one, stopped once it started), ciStep(...) (a Maven build that"
                        + " .ci/run runs) or notHere(..., why)")
                .isEmpty();
    }

    @Test
    void everyEntryIsShownByAReadme() {
        Set<String> shown =
                ReadmeCommands.in(REPOSITORY).stream().map(Shown::text).collect(Collectors.toSet());

        assertThat(ReadmeTable.ENTRIES)
                .extracting(Entry::shown)
                .as("entries of ReadmeTable that no README shows any more: change or remove them")
                .allSatisfy(text -> assertThat(shown).contains(text))
                .doesNotHaveDuplicates();
    }

    @Test
    void ciRunsEveryCiStepAfterTheBuild() throws IOException {
        List<String> ci = Files.readAllLines(REPOSITORY.resolve(".ci/run"), StandardCharsets.UTF_8);
        int verify = ci.indexOf("./mvnw -B verify");
        assertThat(verify).as(".ci/run builds with ./mvnw -B verify").isNotNegative();

        assertThat(ReadmeTable.ENTRIES.stream().filter(e -> e.how() == How.CI_STEP))
                .allSatisfy(step -> assertThat(ci.indexOf(step.run()))
                        .as(".ci/run runs, after ./mvnw -B verify: " + step.run())
                        .isGreaterThanOrEqualTo(verify));
    }

    @Test
    void readsCommandsFromCodeBlocksAndInlineSpansButNotDataOrOutput() {
        List<String> readme = List.of(
                "Run `./tradewind --help` or `ls -l`, and `./tradewind`:",
                "```",
                "# a comment",
                "./mvnw -B -DskipTests install && ./tradewind sandbox",
                "java -jar x.jar --a 1 \\",
                "    --b 2       # what it does",
                "```",
                "```json",
                "{\"./tradewind\": 1}",
                "```",
                "```",
                "read from trade-matching in us-east-1's database, ...",
                "./not-a-command",
                "```",
                "and `curl -u a:b",
                "http://x/`.");

        assertThat(ReadmeCommands.in("R.md", readme))
                .containsExactly(
                        new Shown("R.md", 1, "./tradewind --help"),
                        new Shown("R.md", 4, "./mvnw -B -DskipTests install"),
                        new Shown("R.md", 4, "./tradewind sandbox"),
                        new Shown("R.md", 5, "java -jar x.jar --a 1 --b 2"),
                        new Shown("R.md", 15, "curl -u a:b http://x/"));
    }
}
