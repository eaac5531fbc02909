package io.tradewind.localaws.arc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Speaks ARC's wire protocol: AWS JSON 1.0, {@code POST /} with
 * {@code X-Amz-Target: ToggleCustomerAPI.<Operation>}. Translates requests into
 * {@link RoutingControlCluster} calls and {@link ArcServiceException}s into the JSON error shape the
 * SDK v2 unmarshaller reads ({@code x-amzn-ErrorType} header, {@code __type} and {@code message}).
 */
final class ArcJsonProtocolHandler implements HttpHandler {

    static final String TARGET_PREFIX = "ToggleCustomerAPI.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    /** The model's Arn shape: 1-255 characters of this pattern. */
    private static final Pattern ARN = Pattern.compile("[A-Za-z0-9:./_-]{1,255}");

    private final RoutingControlCluster cluster;
    private final ObjectMapper mapper = new ObjectMapper();

    ArcJsonProtocolHandler(RoutingControlCluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            // Drain the body first: answering before reading it breaks keep-alive connections.
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String requestId = UUID.randomUUID().toString();
            try {
                JsonNode result = dispatch(exchange, body);
                send(exchange, 200, result, requestId, null);
            } catch (ArcServiceException e) {
                send(
                        exchange,
                        e.type().httpStatus(),
                        errorBody(e),
                        requestId,
                        e.type().code());
            } catch (RuntimeException e) {
                ArcServiceException internal = ArcServiceException.internal("internal error: " + e);
                send(
                        exchange,
                        internal.type().httpStatus(),
                        errorBody(internal),
                        requestId,
                        internal.type().code());
            }
        } finally {
            exchange.close();
        }
    }

    private JsonNode dispatch(HttpExchange exchange, byte[] body) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw ArcServiceException.validation(
                    ArcServiceException.ValidationReason.OTHER,
                    "ARC cluster endpoints accept only POST, got " + exchange.getRequestMethod());
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw ArcServiceException.validation(
                    ArcServiceException.ValidationReason.UNKNOWN_OPERATION,
                    "missing or unknown X-Amz-Target (expected " + TARGET_PREFIX + "<Operation>): " + target);
        }
        String operation = target.substring(TARGET_PREFIX.length());
        JsonNode request = parse(body);
        return switch (operation) {
            case "GetRoutingControlState" -> getRoutingControlState(request);
            case "UpdateRoutingControlState" -> updateRoutingControlState(request);
            case "UpdateRoutingControlStates" -> updateRoutingControlStates(request);
            case "ListRoutingControls" -> listRoutingControls(request);
            default ->
                throw ArcServiceException.validation(
                        ArcServiceException.ValidationReason.UNKNOWN_OPERATION,
                        "unknown operation " + operation + "; supported: GetRoutingControlState, "
                                + "UpdateRoutingControlState, UpdateRoutingControlStates, ListRoutingControls");
        };
    }

    private JsonNode getRoutingControlState(JsonNode request) {
        RoutingControl control = cluster.get(requiredArn(request, "RoutingControlArn"));
        ObjectNode result = mapper.createObjectNode();
        result.put("RoutingControlArn", control.arn());
        result.put("RoutingControlState", control.state().wireValue());
        result.put("RoutingControlName", control.name());
        return result;
    }

    private JsonNode updateRoutingControlState(JsonNode request) {
        RoutingControlUpdate update = new RoutingControlUpdate(
                requiredArn(request, "RoutingControlArn"), requiredState(request, "RoutingControlState"));
        cluster.update(List.of(update), safetyRulesToOverride(request));
        return mapper.createObjectNode();
    }

    private JsonNode updateRoutingControlStates(JsonNode request) {
        JsonNode entries = request.get("UpdateRoutingControlStateEntries");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw ArcServiceException.invalidField(
                    "UpdateRoutingControlStateEntries",
                    "required, a non-empty list of {RoutingControlArn, RoutingControlState}");
        }
        List<RoutingControlUpdate> updates = new ArrayList<>();
        for (JsonNode entry : entries) {
            if (!entry.isObject()) {
                throw ArcServiceException.invalidField("UpdateRoutingControlStateEntries", "entries must be objects");
            }
            updates.add(new RoutingControlUpdate(
                    requiredArn(entry, "RoutingControlArn"), requiredState(entry, "RoutingControlState")));
        }
        cluster.update(updates, safetyRulesToOverride(request));
        return mapper.createObjectNode();
    }

    private JsonNode listRoutingControls(JsonNode request) {
        String panelArn = optionalText(request, "ControlPanelArn");
        if (panelArn != null && !ARN.matcher(panelArn).matches()) {
            throw ArcServiceException.invalidField("ControlPanelArn", "not a valid ARN: " + panelArn);
        }
        JsonNode max = request.get("MaxResults");
        if (max != null && !max.isNull() && !max.canConvertToInt()) {
            throw ArcServiceException.invalidField("MaxResults", "must be an integer");
        }
        Integer maxResults = max == null || max.isNull() ? null : max.intValue();
        RoutingControlPage page = cluster.list(panelArn, optionalText(request, "NextToken"), maxResults);

        ObjectNode result = mapper.createObjectNode();
        ArrayNode items = result.putArray("RoutingControls");
        for (RoutingControl control : page.routingControls()) {
            ObjectNode item = items.addObject();
            item.put("ControlPanelArn", control.controlPanelArn());
            item.put("ControlPanelName", control.controlPanelName());
            item.put("RoutingControlArn", control.arn());
            item.put("RoutingControlName", control.name());
            item.put("RoutingControlState", control.state().wireValue());
            item.put("Owner", Arns.ACCOUNT_ID);
        }
        if (page.nextToken() != null) {
            result.put("NextToken", page.nextToken());
        }
        return result;
    }

    private JsonNode parse(byte[] body) {
        if (body.length == 0) {
            // Some clients send no body for operations without input; treat it as {}.
            return mapper.createObjectNode();
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw ArcServiceException.validation(
                        ArcServiceException.ValidationReason.CANNOT_PARSE, "request body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ArcServiceException.validation(
                    ArcServiceException.ValidationReason.CANNOT_PARSE,
                    "request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String requiredArn(JsonNode node, String field) {
        String value = optionalText(node, field);
        if (value == null) {
            throw ArcServiceException.invalidField(field, "required");
        }
        if (!ARN.matcher(value).matches()) {
            throw ArcServiceException.invalidField(field, "not a valid ARN: " + value);
        }
        return value;
    }

    private static RoutingControlState requiredState(JsonNode node, String field) {
        String value = optionalText(node, field);
        if (value == null) {
            throw ArcServiceException.invalidField(field, "required, one of On, Off");
        }
        return RoutingControlState.fromWire(value)
                .orElseThrow(() -> ArcServiceException.invalidField(field, "must be On or Off but was " + value));
    }

    private static List<String> safetyRulesToOverride(JsonNode request) {
        JsonNode rules = request.get("SafetyRulesToOverride");
        if (rules == null || rules.isNull()) {
            return List.of();
        }
        if (!rules.isArray()) {
            throw ArcServiceException.invalidField("SafetyRulesToOverride", "must be a list of safety rule ARNs");
        }
        List<String> arns = new ArrayList<>();
        for (JsonNode rule : rules) {
            if (!rule.isTextual() || !ARN.matcher(rule.textValue()).matches()) {
                throw ArcServiceException.invalidField("SafetyRulesToOverride", "not a valid ARN: " + rule);
            }
            arns.add(rule.textValue());
        }
        return arns;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ArcServiceException.invalidField(field, "must be a string");
        }
        return value.textValue();
    }

    private ObjectNode errorBody(ArcServiceException e) {
        ObjectNode error = mapper.createObjectNode();
        error.put("__type", e.type().code());
        error.put("message", e.getMessage());
        for (Map.Entry<String, Object> member : e.members().entrySet()) {
            error.set(member.getKey(), mapper.valueToTree(member.getValue()));
        }
        return error;
    }

    private void send(HttpExchange exchange, int status, JsonNode body, String requestId, String errorType)
            throws IOException {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot serialize response", e);
        }
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        if (errorType != null) {
            // The SDK reads the error code from this header before falling back to __type.
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
