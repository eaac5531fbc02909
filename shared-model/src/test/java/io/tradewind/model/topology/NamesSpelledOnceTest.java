package io.tradewind.model.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every module reads the topology's names instead of spelling them: no string literal in a main source outside this
 * package equals a queue, table, schema, stage, routing control (or kind of control) or app name, or starts with an
 * app's name (its streams, tables and controls).
 */
class NamesSpelledOnceTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String TOPOLOGY = "shared-model/src/main/java/io/tradewind/model/topology/";

    @Test
    void noMainSourceOutsideTheTopologySpellsATopologyName() throws IOException {
        List<Path> sources = mainSources();
        assertThat(sources).as("main sources under " + REPOSITORY).anyMatch(source -> relative(source)
                .equals(TOPOLOGY + "App.java"));

        List<String> offenders = new ArrayList<>();
        for (Path source : sources) {
            String file = relative(source);
            if (file.startsWith(TOPOLOGY)) continue;
            for (Literal literal : literals(Files.readString(source)))
                if (isTopologyName(literal.text()))
                    offenders.add(file + ":" + literal.line() + " \"" + literal.text() + "\"");
        }
        assertThat(offenders)
                .as("names spelled outside io.tradewind.model.topology (read them from App, Queues, Tables, ...)")
                .isEmpty();
    }

    @Test
    void recognisesTheNamesOfTheTopologyAndNothingElse() {
        assertThat(isTopologyName("trades.inbound")).isTrue();
        assertThat(isTopologyName("settlement-matching")).isTrue();
        assertThat(isTopologyName("trade_matching")).isTrue();
        assertThat(isTopologyName("trade-matching-inbound-us-west-2")).isTrue();
        assertThat(isTopologyName("-inbound-journal")).isTrue();
        assertThat(isTopologyName("ops-rotation-audit")).isTrue();
        assertThat(isTopologyName("processing")).isTrue();
        assertThat(isTopologyName("outbound-gateway")).isTrue();
        assertThat(isTopologyName("tradewind")).isFalse();
        assertThat(isTopologyName("tradewind.trade-matching.shards")).isFalse();
        assertThat(isTopologyName("trade-matching or settlement-matching")).isFalse();
    }

    @Test
    void readsStringLiteralsWithTheirLinesAndSkipsComments() {
        String source =
                """
                // "trades.inbound" in a comment
                /* "trade-matching"
                   across lines */ String queue = "trades.status";
                char quote = '"'; String escaped = "a \\"quoted\\" name";
                String block = \"""
                    not a literal the scanner reads
                    \""";
                String last = "settlement-matching";
                """;

        assertThat(literals(source))
                .containsExactly(
                        new Literal(3, "trades.status"),
                        new Literal(4, "a \\\"quoted\\\" name"),
                        new Literal(8, "settlement-matching"));
    }

    private static boolean isTopologyName(String text) {
        return topologyNames().contains(text) || App.ids().stream().anyMatch(app -> text.startsWith(app + "-"));
    }

    /** Every name the topology defines, and what follows the app's name in its tables' names. */
    private static Set<String> topologyNames() {
        Set<String> names = new LinkedHashSet<>();
        for (App app : App.values()) {
            names.add(app.id());
            names.add(app.schema());
        }
        for (AppTable table : AppTable.values()) names.add("-" + table.kind());
        names.addAll(constants(Queues.class));
        names.addAll(constants(Tables.class));
        names.add(RoutingControls.GENERATOR);
        names.addAll(RoutingControls.KINDS);
        names.addAll(Stages.ALL);
        // CONTROL_PANEL ("tradewind") is left out: it is also the product's name, its properties' prefix and its
        // database's name, which are not the control panel.
        return names;
    }

    private static List<String> constants(Class<?> holder) {
        List<String> values = new ArrayList<>();
        for (Field field : holder.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) continue;
            try {
                values.add((String) field.get(null));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(REPOSITORY)) {
            for (Path main : modules.map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .toList())
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(file -> file.toString().endsWith(".java"))
                            .sorted()
                            .forEach(sources::add);
                }
        }
        return sources;
    }

    private static String relative(Path source) {
        return REPOSITORY.relativize(source).toString().replace('\\', '/');
    }

    /** A string literal as written (escapes kept) and the line it starts on. */
    record Literal(int line, String text) {}

    /** The string literals of a Java source, outside comments, character literals and text blocks. */
    static List<Literal> literals(String source) {
        List<Literal> literals = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i);
                if (i < 0) break;
            } else if (source.startsWith("/*", i) || source.startsWith("\"\"\"", i)) {
                String end = c == '/' ? "*/" : "\"\"\"";
                int close = source.indexOf(end, i + (c == '/' ? 2 : 3));
                close = close < 0 ? source.length() : close + end.length();
                line += (int) source.substring(i, close)
                        .chars()
                        .filter(ch -> ch == '\n')
                        .count();
                i = close;
            } else if (c == '\'' || c == '"') {
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != c && source.charAt(j) != '\n')
                    j += source.charAt(j) == '\\' ? 2 : 1;
                if (c == '"') literals.add(new Literal(line, source.substring(i + 1, Math.min(j, source.length()))));
                i = j + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    static {
        // Fails fast, with the reason, when the tests run from somewhere other than the module's directory.
        if (!Files.isDirectory(REPOSITORY.resolve(TOPOLOGY)))
            throw new UncheckedIOException(new IOException("no " + TOPOLOGY + " under " + REPOSITORY));
    }
}
