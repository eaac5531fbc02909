package io.tradewind.sandbox.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the READMEs show a user to type: every line of every fenced code block (but {@code json} ones, which are data),
 * with continuation lines joined, comments dropped and {@code a && b} split in two, and every inline code span that
 * runs one of the repository's own programs ({@code ./tradewind}, {@code ./mvnw}, {@code java -jar}) or {@code curl}
 * with arguments. A block whose first line {@link ReadmeTable} calls output (a diagram, a sample of what a command
 * prints) is skipped whole.
 */
final class ReadmeCommands {
    /** The files whose commands the build exercises, relative to the repository's root. */
    static final List<String> FILES = List.of("README.md", "terraform/README.md");

    private static final Pattern FENCE = Pattern.compile("^\\s*```(\\S*)\\s*$");
    private static final Pattern INLINE = Pattern.compile("`([^`]+)`");
    private static final Pattern INLINE_COMMAND = Pattern.compile("^(\\./tradewind|\\./mvnw|java -jar|curl) \\S.*");
    /** A comment after a command: two spaces or more, then {@code #}. */
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s{2,}#.*$");

    private ReadmeCommands() {}

    /** One command as a README shows it, and where. */
    record Shown(String file, int line, String text) {
        String where() {
            return file + ":" + line;
        }
    }

    /** Every command the READMEs under {@code repository} show, in order. */
    static List<Shown> in(Path repository) {
        List<Shown> all = new ArrayList<>();
        for (String file : FILES) all.addAll(in(file, read(repository.resolve(file))));
        return all;
    }

    static List<Shown> in(String file, List<String> lines) {
        List<Shown> shown = new ArrayList<>();
        int n = 0;
        while (n < lines.size()) {
            int prose = n;
            while (n < lines.size() && !FENCE.matcher(lines.get(n)).matches()) n++;
            inline(file, prose + 1, lines.subList(prose, n), shown);
            if (n == lines.size()) break;
            Matcher fence = FENCE.matcher(lines.get(n));
            fence.matches();
            String language = fence.group(1);
            int end = n + 1;
            while (end < lines.size() && !FENCE.matcher(lines.get(end)).matches()) end++;
            if (!language.equals("json")) block(file, n + 1, lines.subList(n + 1, Math.min(end, lines.size())), shown);
            n = end + 1;
        }
        return shown;
    }

    private static void block(String file, int fenceLine, List<String> body, List<Shown> shown) {
        String first = body.stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .orElse("");
        if (ReadmeTable.isOutputBlock(first)) return;
        StringBuilder command = new StringBuilder();
        int startLine = 0;
        for (int i = 0; i < body.size(); i++) {
            String line = body.get(i).strip();
            if (command.isEmpty()) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                startLine = fenceLine + 1 + i;
            }
            if (line.endsWith("\\")) {
                command.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            command.append(TRAILING_COMMENT.matcher(line).replaceFirst(""));
            for (String part : command.toString().split(" && "))
                shown.add(new Shown(file, startLine, part.strip().replaceAll("\\s+", " ")));
            command.setLength(0);
        }
    }

    /** The spans of prose that starts at {@code firstLine}; a span may wrap onto the next line. */
    private static void inline(String file, int firstLine, List<String> prose, List<Shown> shown) {
        String text = String.join("\n", prose);
        Matcher span = INLINE.matcher(text);
        while (span.find()) {
            String command = span.group(1).strip().replaceAll("\\s+", " ");
            if (!INLINE_COMMAND.matcher(command).matches()) continue;
            int line = firstLine
                    + (int) text.substring(0, span.start())
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
            shown.add(new Shown(file, line, command));
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
