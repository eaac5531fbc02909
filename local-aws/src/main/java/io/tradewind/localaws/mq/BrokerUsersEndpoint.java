package io.tradewind.localaws.mq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One region's emulation of Amazon MQ's user API (REST, JSON) for the region's brokers, by broker id (the broker's
 * name): {@code POST}/{@code PUT}/{@code DELETE}/{@code GET /v1/brokers/{broker-id}/users/{username}} and {@code GET
 * /v1/brokers/{broker-id}/users}. A change applies to the running broker at once, where Amazon MQ applies ActiveMQ user
 * changes at the broker's next reboot.
 *
 * <p>It binds loopback only and does not verify the requests' SigV4 signatures: anyone on the machine can change the
 * sandbox's users, as anyone on it can read the sandbox's files.
 */
public final class BrokerUsersEndpoint implements AutoCloseable {
    /** The resources' root. */
    public static final String PATH = "/v1/brokers/";

    private static final Pattern USER = Pattern.compile("^/v1/brokers/([^/]+)/users/([^/]+)$");
    private static final Pattern USERS = Pattern.compile("^/v1/brokers/([^/]+)/users/?$");
    /** Amazon MQ's rule for an ActiveMQ user name. */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._~-]{2,100}");

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, EmbeddedBroker> brokers;
    private final HttpServer server;
    private final ExecutorService executor;

    private BrokerUsersEndpoint(Map<String, EmbeddedBroker> brokers, HttpServer server, ExecutorService executor) {
        this.brokers = Map.copyOf(brokers);
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves {@code brokers} (by broker id) on 127.0.0.1:{@code port} (0: a free one).
     *
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static BrokerUsersEndpoint start(Map<String, EmbeddedBroker> brokers, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the broker user API to 127.0.0.1:" + port, e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread =
                    new Thread(runnable, "mq-user-api-" + server.getAddress().getPort());
            thread.setDaemon(true);
            return thread;
        });
        BrokerUsersEndpoint endpoint = new BrokerUsersEndpoint(brokers, server, executor);
        server.createContext(PATH, endpoint::handle);
        server.setExecutor(executor);
        server.start();
        return endpoint;
    }

    /** The API's base URL, e.g. {@code http://127.0.0.1:47106}: what {@code https://mq.<region>.amazonaws.com} is on AWS. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            Matcher user = USER.matcher(path);
            Matcher users = USERS.matcher(path);
            if (user.matches()) {
                EmbeddedBroker broker = broker(exchange, decode(user.group(1)));
                if (broker == null) return;
                String name = decode(user.group(2));
                switch (method) {
                    case "POST" -> put(exchange, broker, name, true);
                    case "PUT" -> put(exchange, broker, name, false);
                    case "DELETE" -> delete(exchange, broker, name);
                    case "GET" -> describe(exchange, broker, decode(user.group(1)), name);
                    default -> error(exchange, 405, "method", method + " is not supported on a user");
                }
            } else if (users.matches() && method.equals("GET")) {
                String brokerId = decode(users.group(1));
                EmbeddedBroker broker = broker(exchange, brokerId);
                if (broker == null) return;
                ObjectNode answer = json.createObjectNode().put("brokerId", brokerId);
                ArrayNode list = answer.putArray("users");
                for (String name : broker.users()) list.addObject().put("username", name);
                answer.put("maxResults", 100);
                respond(exchange, 200, answer);
            } else {
                error(exchange, 404, "path", "no such resource: " + method + " " + path);
            }
        } catch (RuntimeException e) {
            error(exchange, 500, "request", e.getMessage());
        }
    }

    private EmbeddedBroker broker(HttpExchange exchange, String brokerId) throws IOException {
        EmbeddedBroker broker = brokers.get(brokerId);
        if (broker == null) error(exchange, 404, "broker-id", "no broker " + brokerId + "; have " + brokers.keySet());
        return broker;
    }

    /** CreateUser (a user already there is a conflict) or UpdateUser (a user not there is not found). */
    private void put(HttpExchange exchange, EmbeddedBroker broker, String name, boolean create) throws IOException {
        if (!USER_NAME.matcher(name).matches()) {
            error(exchange, 400, "username", "a user name is 2-100 letters, digits or - . _ ~");
            return;
        }
        boolean exists = broker.users().contains(name);
        if (create && exists) {
            error(exchange, 409, "username", "user " + name + " already exists");
            return;
        }
        if (!create && !exists) {
            error(exchange, 404, "username", "no user " + name);
            return;
        }
        JsonNode body = body(exchange);
        if (body == null) return;
        JsonNode password = body.get("password");
        Set<String> groups = new LinkedHashSet<>();
        JsonNode groupList = body.get("groups");
        if (groupList != null && !groupList.isNull()) {
            if (!groupList.isArray()) {
                error(exchange, 400, "groups", "groups is not a list");
                return;
            }
            for (JsonNode group : groupList) groups.add(group.asText());
        }
        if (password == null || password.isNull()) {
            // UpdateUser may leave the password as it is; CreateUser needs one.
            if (create) {
                error(exchange, 400, "password", "password is required");
                return;
            }
            broker.putUser(
                    name,
                    broker.passwordOf(name),
                    groupList == null ? broker.groupsOf(name).orElseThrow() : groups);
        } else {
            String problem = passwordProblem(password.asText());
            if (problem != null) {
                error(exchange, 400, "password", problem);
                return;
            }
            broker.putUser(
                    name,
                    password.asText(),
                    groupList == null && !create ? broker.groupsOf(name).orElseThrow() : groups);
        }
        respond(exchange, 200, json.createObjectNode());
    }

    /** Amazon MQ's rules for an ActiveMQ user's password. */
    static String passwordProblem(String password) {
        if (password.length() < 12 || password.length() > 250) return "a password has 12 to 250 characters";
        if (password.chars().distinct().count() < 4) return "a password has at least 4 different characters";
        if (password.contains(",") || password.contains(":") || password.contains("="))
            return "a password contains no comma, colon or equals sign";
        return null;
    }

    private void delete(HttpExchange exchange, EmbeddedBroker broker, String name) throws IOException {
        if (!broker.users().contains(name)) {
            error(exchange, 404, "username", "no user " + name);
            return;
        }
        broker.removeUser(name);
        respond(exchange, 200, json.createObjectNode());
    }

    private void describe(HttpExchange exchange, EmbeddedBroker broker, String brokerId, String name)
            throws IOException {
        var groups = broker.groupsOf(name);
        if (groups.isEmpty()) {
            error(exchange, 404, "username", "no user " + name);
            return;
        }
        ObjectNode answer = json.createObjectNode()
                .put("brokerId", brokerId)
                .put("username", name)
                .put("consoleAccess", false);
        ArrayNode list = answer.putArray("groups");
        groups.get().stream().sorted().forEach(list::add);
        respond(exchange, 200, answer);
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                error(exchange, 400, "body", "the body exceeds " + MAX_BODY_BYTES + " bytes");
                return null;
            }
            JsonNode body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
            if (body == null || !body.isObject()) {
                error(exchange, 400, "body", "the body is not a JSON object");
                return null;
            }
            return body;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            error(exchange, 400, "body", "the body is not JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private void error(HttpExchange exchange, int status, String attribute, String message) throws IOException {
        respond(
                exchange,
                status,
                json.createObjectNode().put("errorAttribute", attribute).put("message", message));
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "BrokerUsersEndpoint[" + endpoint() + ", brokers " + brokers.keySet() + "]";
    }
}
