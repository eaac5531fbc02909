package io.tradewind.tradegenerator.adapter.jsonl;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.tradegenerator.domain.ExpectedOutcome;
import io.tradewind.tradegenerator.domain.GenerationSettings;
import io.tradewind.tradegenerator.domain.PairKind;
import io.tradewind.tradegenerator.domain.TradePairFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesOutcomeRecorderTest {
    @TempDir
    Path dir;

    private static List<ExpectedOutcome> outcomes(int count) {
        TradePairFactory factory = new TradePairFactory(
                GenerationSettings.defaults(3, Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC)));
        List<ExpectedOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < count; i++) outcomes.add(factory.next().expected());
        return outcomes;
    }

    @Test
    void readsBackEveryKindOfOutcomeItWrote() {
        List<ExpectedOutcome> written = outcomes(300);
        assertThat(written).anyMatch(ExpectedOutcome::isLoneSide);
        assertThat(written).extracting(ExpectedOutcome::kind).contains(PairKind.values());
        Path file = dir.resolve("nested/outcomes.jsonl");

        try (JsonLinesOutcomeRecorder recorder = new JsonLinesOutcomeRecorder(file)) {
            recorder.record(written);
        }

        assertThat(JsonLinesOutcomeRecorder.read(file)).isEqualTo(written);
    }

    @Test
    void writesOneLinePerPairAndFlushesItAtEachCommit() throws IOException {
        List<ExpectedOutcome> written = outcomes(5);
        Path file = dir.resolve("outcomes.jsonl");

        try (JsonLinesOutcomeRecorder recorder = new JsonLinesOutcomeRecorder(file)) {
            recorder.record(written.subList(0, 2));
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(2);
            recorder.record(written.subList(2, 5));
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(5);
        }
    }

    @Test
    void appendsToAnExistingFile() {
        List<ExpectedOutcome> written = outcomes(4);
        Path file = dir.resolve("outcomes.jsonl");

        try (JsonLinesOutcomeRecorder first = new JsonLinesOutcomeRecorder(file)) {
            first.record(written.subList(0, 1));
        }
        try (JsonLinesOutcomeRecorder second = new JsonLinesOutcomeRecorder(file)) {
            second.record(written.subList(1, 4));
        }

        assertThat(JsonLinesOutcomeRecorder.read(file)).isEqualTo(written);
    }

    @Test
    void namesTheStatusesAndTheDifferingFieldByTheirWireNames() {
        ExpectedOutcome mismatched = outcomes(300).stream()
                .filter(o -> o.kind() == PairKind.MISMATCHED)
                .findFirst()
                .orElseThrow();

        String line = JsonLinesOutcomeRecorder.toJson(mismatched);

        assertThat(line)
                .contains("\"kind\":\"MISMATCHED\"")
                .contains("\"differingField\":\"" + mismatched.differingField().wireName() + "\"")
                .contains("\"expectedMatchingStatus\":\"MISMATCHED\"")
                .contains("\"messageIds\":[\"" + mismatched.messageIds().get(0) + "\"")
                .doesNotContain("\n");
    }
}
