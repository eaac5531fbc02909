package io.tradewind.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Terraform module of {@code terraform/} as the build read it: the JSON {@code @cdktf/hcl2json} made of each of its
 * {@code *.tf} files (the build's {@code terraform-fmt-check-and-json} step), merged. Literal values are JSON values;
 * any other expression is its source text as {@code "${...}"}, which the tests read as text.
 */
final class TerraformModule {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String path;
    private final List<Path> files;
    private final Map<String, JsonNode> locals = new LinkedHashMap<>();
    /** Block type (resource, data) -> resource type -> name -> body. */
    private final Map<String, Map<String, Map<String, JsonNode>>> blocks = new LinkedHashMap<>();

    private final Map<String, JsonNode> variables = new LinkedHashMap<>();
    private final Map<String, JsonNode> outputs = new LinkedHashMap<>();
    private final Map<String, JsonNode> modules = new LinkedHashMap<>();
    private final StringBuilder text = new StringBuilder();

    private TerraformModule(String path, List<Path> files) {
        this.path = path;
        this.files = List.copyOf(files);
        for (Path file : files) read(file);
    }

    /** The module at {@code path} under {@code terraform/} ({@code ""} for the root). */
    static TerraformModule at(String path) {
        Path dir = jsonRoot().resolve(path);
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> files = entries.filter(file -> file.toString().endsWith(".tf.json"))
                    .sorted()
                    .toList();
            if (files.isEmpty())
                throw new IllegalStateException("no *.tf.json in " + dir + ": did the build read terraform/?");
            return new TerraformModule(path, files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + " (the build writes it before the tests)", e);
        }
    }

    /** Where the build wrote the JSON: {@code deployment/target/terraform-json}. */
    static Path jsonRoot() {
        return Path.of(System.getProperty("tradewind.terraform-json", "target/terraform-json"));
    }

    /** The Terraform sources themselves: {@code terraform/}. */
    static Path sourceRoot() {
        return Path.of(System.getProperty("tradewind.terraform", "../terraform"));
    }

    private void read(Path file) {
        JsonNode root;
        try {
            String json = Files.readString(file);
            text.append(json);
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (JsonNode block : root.path("locals")) block.fields().forEachRemaining(local -> put(locals, local, file));
        for (String kind : List.of("resource", "data"))
            root.path(kind).fields().forEachRemaining(type -> type.getValue()
                    .fields()
                    .forEachRemaining(named -> blocks.computeIfAbsent(kind, k -> new LinkedHashMap<>())
                            .computeIfAbsent(type.getKey(), k -> new LinkedHashMap<>())
                            .put(named.getKey(), first(named.getValue()))));
        root.path("variable")
                .fields()
                .forEachRemaining(named -> variables.put(named.getKey(), first(named.getValue())));
        root.path("output").fields().forEachRemaining(named -> outputs.put(named.getKey(), first(named.getValue())));
        root.path("module").fields().forEachRemaining(named -> modules.put(named.getKey(), first(named.getValue())));
    }

    private static void put(Map<String, JsonNode> into, Map.Entry<String, JsonNode> entry, Path file) {
        if (into.put(entry.getKey(), entry.getValue()) != null)
            throw new IllegalStateException("local." + entry.getKey() + " is declared twice (again in " + file + ")");
    }

    /** A block is a list of bodies in hcl2json's JSON (as many as the block is repeated); named blocks have one. */
    private static JsonNode first(JsonNode bodies) {
        return bodies.isArray() ? bodies.get(0) : bodies;
    }

    String path() {
        return path;
    }

    List<Path> files() {
        return files;
    }

    /** {@code local.<name>}, as written. */
    JsonNode local(String name) {
        JsonNode value = locals.get(name);
        if (value == null)
            throw new AssertionError(
                    "terraform/" + path + " declares no local." + name + "; it has " + locals.keySet());
        return value;
    }

    /** The body of {@code resource "<type>" "<name>"}. */
    JsonNode resource(String type, String name) {
        return block("resource", type, name);
    }

    /** The body of {@code data "<type>" "<name>"}. */
    JsonNode data(String type, String name) {
        return block("data", type, name);
    }

    /** Every resource of {@code type}, by name. */
    Map<String, JsonNode> resources(String type) {
        return blocks.getOrDefault("resource", Map.of()).getOrDefault(type, Map.of());
    }

    Map<String, JsonNode> variables() {
        return variables;
    }

    Map<String, JsonNode> outputs() {
        return outputs;
    }

    Map<String, JsonNode> modules() {
        return modules;
    }

    /** All of the module's JSON, for what is searched as text. */
    String text() {
        return text.toString();
    }

    private JsonNode block(String kind, String type, String name) {
        JsonNode body =
                blocks.getOrDefault(kind, Map.of()).getOrDefault(type, Map.of()).get(name);
        if (body == null)
            throw new AssertionError("terraform/" + path + " declares no " + kind + " " + type + "." + name);
        return body;
    }

    /** A JSON array of strings (a literal list), as strings; anything else fails, naming what it was. */
    static List<String> strings(JsonNode list, String what) {
        if (!list.isArray()) throw new AssertionError(what + " is not a literal list: " + list);
        List<String> strings = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isTextual()) throw new AssertionError(what + " holds a non-string: " + item);
            strings.add(item.asText());
        }
        return strings;
    }

    /** The names of a JSON object's fields, in order. */
    static List<String> keys(JsonNode object, String what) {
        if (!object.isObject()) throw new AssertionError(what + " is not a literal object: " + object);
        List<String> keys = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) keys.add(names.next());
        return keys;
    }
}
