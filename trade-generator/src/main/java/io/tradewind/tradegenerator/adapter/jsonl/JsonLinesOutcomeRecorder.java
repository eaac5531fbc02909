package io.tradewind.tradegenerator.adapter.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.wire.WireJson;
import io.tradewind.tradegenerator.domain.DifferingField;
import io.tradewind.tradegenerator.domain.ExpectedOutcome;
import io.tradewind.tradegenerator.domain.PairKind;
import io.tradewind.tradegenerator.domain.PostedTrade;
import io.tradewind.tradegenerator.posting.OutcomeRecorder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends one JSON line per posted pair to a file and flushes after every commit, so the file never lists a pair that
 * is not on the broker. A line reads like {@code {"runId":"G42","pairId":"G42-P0000001","kind":"MISMATCHED",
 * "differingField":"price","expectedMatchingStatus":"MISMATCHED","expectedTerminalStatus":"MISMATCHED",
 * "broker":{"senderId":"BRK002","tradeRef":"G42-0000002","messageId":"BRK002-G42-0000002","allocations":3},
 * "investmentManager":{...},"messageIds":["IM004-G42-0000001","BRK002-G42-0000002"]}}; an absent side is null.
 */
public final class JsonLinesOutcomeRecorder implements OutcomeRecorder {
    private final Path file;
    private final BufferedWriter writer;

    /** Opens {@code file} for appending, creating it and its directories if needed. */
    public JsonLinesOutcomeRecorder(Path file) {
        this.file = file;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            this.writer = Files.newBufferedWriter(
                    file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open outcomes file " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void record(List<ExpectedOutcome> committed) {
        try {
            for (ExpectedOutcome outcome : committed) {
                writer.write(toJson(outcome));
                writer.newLine();
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to outcomes file " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close outcomes file " + file, e);
        }
    }

    /** Every outcome in a file this recorder wrote, in order; blank lines are skipped. */
    public static List<ExpectedOutcome> read(Path file) {
        try {
            List<ExpectedOutcome> outcomes = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) outcomes.add(fromJson(line));
            }
            return outcomes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read outcomes file " + file, e);
        }
    }

    /** One outcome as its JSON line (without the line break). */
    public static String toJson(ExpectedOutcome outcome) {
        ObjectNode node = WireJson.mapper().createObjectNode();
        node.put("runId", outcome.runId());
        node.put("pairId", outcome.pairId());
        node.put("kind", outcome.kind().name());
        node.put(
                "differingField",
                outcome.differingField() == null
                        ? null
                        : outcome.differingField().wireName());
        node.put("expectedMatchingStatus", outcome.expectedMatchingStatus().name());
        node.put("expectedTerminalStatus", outcome.expectedTerminalStatus().name());
        putSide(node, "broker", outcome.broker());
        putSide(node, "investmentManager", outcome.investmentManager());
        ArrayNode ids = node.putArray("messageIds");
        outcome.messageIds().forEach(ids::add);
        try {
            return WireJson.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write outcome " + outcome.pairId(), e);
        }
    }

    /** The outcome a line written by {@link #toJson} describes. */
    public static ExpectedOutcome fromJson(String line) {
        JsonNode node;
        try {
            node = WireJson.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON outcome line: " + line, e);
        }
        JsonNode field = node.path("differingField");
        List<String> messageIds = new ArrayList<>();
        node.path("messageIds").forEach(id -> messageIds.add(id.asText()));
        return new ExpectedOutcome(
                text(node, "runId"),
                text(node, "pairId"),
                PairKind.valueOf(text(node, "kind")),
                field.isTextual() ? DifferingField.ofWireName(field.asText()) : null,
                side(node.path("broker"), SenderRole.BROKER),
                side(node.path("investmentManager"), SenderRole.INVESTMENT_MANAGER),
                messageIds);
    }

    private static void putSide(ObjectNode node, String name, PostedTrade trade) {
        if (trade == null) {
            node.putNull(name);
            return;
        }
        ObjectNode side = node.putObject(name);
        side.put("senderId", trade.senderId());
        side.put("tradeRef", trade.tradeRef());
        side.put("messageId", trade.messageId());
        side.put("allocations", trade.allocationCount());
    }

    private static PostedTrade side(JsonNode node, SenderRole role) {
        if (!node.isObject()) return null;
        return new PostedTrade(
                role,
                text(node, "senderId"),
                text(node, "tradeRef"),
                text(node, "messageId"),
                node.path("allocations").asInt());
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("outcome line lacks " + name + ": " + node);
        }
        return value.asText();
    }
}
