package io.tradewind.platform.cli;

import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;

/**
 * Says in one sentence which endpoint a failure came from and what was wrong with it: it could not be reached, it
 * refused the login, or it lacks what the sandbox creates at start (a table, a stream), which means the sandbox is not
 * the one running there. A failure of any other kind is not explained here.
 */
public final class Unreachable {
    private static final String SANDBOX_HINT = "is the sandbox running?";

    private Unreachable() {}

    /** The sentence for {@code failure}, if it is one of the three kinds and came from one of {@code endpoints}. */
    public static Optional<String> explain(Throwable failure, List<Endpoint> endpoints) {
        List<Throwable> chain = chain(failure);
        Optional<Endpoint> endpoint = which(chain, endpoints);
        String where = endpoint.map(Endpoint::toString).orElse(described(ofService(chain, endpoints)));
        boolean sandbox = endpoint.map(Endpoint::sandbox)
                .orElse(!endpoints.isEmpty() && endpoints.stream().allMatch(Endpoint::sandbox));
        String root = rootMessage(chain);
        if (has(chain, JMSSecurityException.class)) return Optional.of(where + " refused the login: " + root);
        if (chain.stream().anyMatch(Unreachable::isMissingResource))
            return Optional.of(
                    where + " has no " + missing(endpoint) + " (" + root + ")" + (sandbox ? ": " + SANDBOX_HINT : ""));
        if (chain.stream().anyMatch(Unreachable::isConnectFailure))
            return Optional.of("cannot reach " + where + ": " + (sandbox ? SANDBOX_HINT : root));
        return Optional.empty();
    }

    /**
     * The failure, its causes and what each suppressed (a command that tried every region throws one failure with
     * each region's as suppressed), depth first: the last is the root cause of the last failure suppressed, or of the
     * failure itself when it suppressed none.
     */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        List<Throwable> suppressed = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
            suppressed.addAll(List.of(t.getSuppressed()));
        }
        for (Throwable other : suppressed) for (Throwable t : chain(other)) if (!chain.contains(t)) chain.add(t);
        return chain;
    }

    private static boolean has(List<Throwable> chain, Class<? extends Throwable> type) {
        return chain.stream().anyMatch(type::isInstance);
    }

    private static boolean isMissingResource(Throwable t) {
        return t instanceof software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException
                || t instanceof software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException
                // PostgreSQL: undefined table or schema (the apps create theirs at start)
                || (t instanceof SQLException sql
                        && ("42P01".equals(sql.getSQLState()) || "3F000".equals(sql.getSQLState())));
    }

    private static boolean isConnectFailure(Throwable t) {
        return t instanceof ConnectException
                || t instanceof NoRouteToHostException
                || t instanceof UnknownHostException
                || t instanceof SocketTimeoutException
                // PostgreSQL's connection exceptions (08001 cannot connect, 08006 connection failure)
                || (t instanceof SQLException sql
                        && sql.getSQLState() != null
                        && sql.getSQLState().startsWith("08"))
                // The SDK's own words when no HTTP exchange happened, whatever the transport's exception.
                || (t instanceof SdkClientException
                        && String.valueOf(t.getMessage()).contains("Unable to execute HTTP"));
    }

    private static String missing(Optional<Endpoint> endpoint) {
        return switch (endpoint.map(Endpoint::service).orElse("")) {
            case Endpoint.DYNAMODB -> "such table";
            case Endpoint.KINESIS -> "such stream";
            case Endpoint.POSTGRESQL -> "such table or schema";
            default -> "such resource";
        };
    }

    /** The endpoints of the service the failure's type names (all of them when it names none). */
    private static List<Endpoint> ofService(List<Throwable> chain, List<Endpoint> endpoints) {
        String service = null;
        for (Throwable t : chain) {
            if (t instanceof DynamoDbException) service = Endpoint.DYNAMODB;
            else if (t instanceof KinesisException) service = Endpoint.KINESIS;
            else if (t instanceof SQLException) service = Endpoint.POSTGRESQL;
            else if (t instanceof JMSException) service = Endpoint.BROKER;
            if (service != null) break;
        }
        String kind = service;
        List<Endpoint> ofKind =
                endpoints.stream().filter(e -> e.service().equals(kind)).toList();
        return ofKind.isEmpty() ? endpoints : ofKind;
    }

    /** The endpoint the failure names by its type, else by its address in a message, else the only one. */
    private static Optional<Endpoint> which(List<Throwable> chain, List<Endpoint> endpoints) {
        List<Endpoint> ofService = ofService(chain, endpoints);
        if (ofService.size() == 1) return Optional.of(ofService.get(0));
        for (Endpoint endpoint : ofService) {
            String hostAndPort = hostAndPort(endpoint.address());
            if (hostAndPort != null
                    && chain.stream()
                            .anyMatch(t -> String.valueOf(t.getMessage()).contains(hostAndPort)))
                return Optional.of(endpoint);
        }
        return Optional.empty();
    }

    private static String hostAndPort(String address) {
        try {
            URI uri = URI.create(address.startsWith("jdbc:") ? address.substring("jdbc:".length()) : address);
            return uri.getHost() == null || uri.getPort() < 0 ? null : uri.getHost() + ":" + uri.getPort();
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }

    private static String described(List<Endpoint> endpoints) {
        return endpoints.isEmpty()
                ? "an endpoint"
                : "one of "
                        + String.join(
                                ", ", endpoints.stream().map(Endpoint::toString).toList());
    }

    private static String rootMessage(List<Throwable> chain) {
        Throwable root = chain.get(chain.size() - 1);
        // The service's own words, without the SDK's suffix of status code, request id and attempts.
        String message = root instanceof AwsServiceException service && service.awsErrorDetails() != null
                ? service.awsErrorDetails().errorMessage()
                : root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : oneLine(message);
    }

    /** A message on one line: the first of several. */
    static String oneLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
