package io.tradewind.localaws.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradewind.localaws.node.NodeEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * One region's DynamoDB: dynalite (Apache-2.0, on the machine's Node, in memory) behind a small front in the same
 * process, so the two regions hold separate data and replication between them is something we emulate. Services reach
 * it as DynamoDB and cannot tell; the front's own operations, below, are for the emulation's Java side only.
 *
 * <p>The front logs every write to the tables {@linkplain #configure configured} as global (the item the write left,
 * or the key it deleted, and when) for {@link GlobalTableReplicator} to read with {@link #readChanges} and
 * {@link #apply} in the other regions; those applied writes are not logged again. A write to a strongly consistent
 * table returns only once every peer's emulator holds it too, and such a table is created in every region at once. A
 * failed conditional write returns the item that failed it ({@code ReturnValuesOnConditionCheckFailure}), which
 * dynalite alone does not. {@code TransactWriteItems} is not emulated: neither Tradewind nor KCL 3 (outside its
 * migration from a KCL 2 coordinator table) calls it.
 */
public final class Dynalite implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final NodeEmulator process;
    private final HttpClient http;

    private Dynalite(NodeEmulator process) {
        this.process = process;
        this.http = HttpClient.newBuilder()
                .executor(Executors.newCachedThreadPool(runnable -> {
                    Thread thread = new Thread(runnable, "dynalite-front-client");
                    thread.setDaemon(true);
                    return thread;
                }))
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(ADMIN_TIMEOUT)
                .build();
    }

    /** Starts dynalite and its front on {@code port} (0 = a free one) and waits until it listens. */
    public static Dynalite start(String nodeExecutable, int port, Path logFile) throws IOException {
        return new Dynalite(NodeEmulator.start(
                "dynalite",
                nodeExecutable,
                "dynalite-launcher.js",
                List.of("--port", Integer.toString(port)),
                logFile));
    }

    public URI endpoint() {
        return process.endpoint();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    /**
     * Tells the front which tables are global (their writes are logged for replication; null: none), which are
     * strongly consistent across regions (their writes reach every peer before they return; null: none), and where the
     * peers are.
     */
    public void configure(Pattern capturedTables, Pattern synchronousTables, List<URI> peers) {
        ObjectNode request = JSON.createObjectNode();
        request.put("CapturedTables", capturedTables == null ? null : capturedTables.pattern());
        request.put("SynchronousTables", synchronousTables == null ? null : synchronousTables.pattern());
        request.putArray("Peers")
                .addAll(peers.stream()
                        .map(URI::toString)
                        .map(JSON.getNodeFactory()::textNode)
                        .toList());
        call("Configure", request);
    }

    /** One write logged by the front: the item it left in {@code table}, or (item null) the key it deleted. */
    public record Change(long sequence, String table, JsonNode item, JsonNode key, long atMillis) {
        public boolean isDelete() {
            return item == null;
        }
    }

    /** What {@link #readChanges} answered: the changes, oldest first, and the newest sequence the front has logged. */
    public record Changes(List<Change> changes, long lastSequence) {}

    /** Forgets the changes up to {@code after} (already taken) and answers up to {@code limit} of those that follow. */
    public Changes readChanges(long after, int limit) {
        ObjectNode request = JSON.createObjectNode();
        request.put("After", after);
        request.put("Limit", limit);
        JsonNode answer = call("ReadChanges", request);
        List<Change> changes = new ArrayList<>();
        for (JsonNode change : answer.path("Changes"))
            changes.add(new Change(
                    change.get("Sequence").asLong(),
                    change.get("Table").asText(),
                    change.hasNonNull("Item") ? change.get("Item") : null,
                    change.hasNonNull("Key") ? change.get("Key") : null,
                    change.get("At").asLong()));
        return new Changes(changes, answer.path("LastSequence").asLong());
    }

    /** What {@link #apply} did: writes applied, and writes skipped because this region wrote the item later. */
    public record Applied(int applied, int skipped) {}

    /**
     * Applies writes logged in another region, in order, as replication: this front neither logs them nor sends them
     * on, and skips each one older than this region's own last write of its item (last writer wins). All of them are
     * applied or skipped, or the call fails; applying one again is harmless (it is the item as the other region left
     * it, or its delete).
     */
    public Applied apply(List<Change> writes) {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode array = request.putArray("Writes");
        for (Change write : writes) {
            ObjectNode entry = array.addObject().put("Table", write.table()).put("At", write.atMillis());
            if (write.isDelete()) entry.set("Key", write.key());
            else entry.set("Item", write.item());
        }
        JsonNode answer = call("Apply", request);
        return new Applied(
                answer.path("Applied").asInt(), answer.path("Skipped").asInt());
    }

    private JsonNode call(String operation, ObjectNode request) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(endpoint())
                            .timeout(ADMIN_TIMEOUT)
                            .header("Content-Type", "application/x-amz-json-1.0")
                            .header("X-Amz-Target", "TradewindEmulation." + operation)
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200)
                throw new IllegalStateException(
                        "dynalite's front refused " + operation + ": " + response.statusCode() + " " + response.body());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("dynalite's front at " + endpoint() + " did not answer " + operation, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted calling dynalite's front", e);
        }
    }

    @Override
    public void close() {
        process.close();
    }

    /** Kills its Node process at once, without waiting: for a JVM that halts. */
    public void kill() {
        process.kill();
    }

    @Override
    public String toString() {
        return process.toString();
    }
}
