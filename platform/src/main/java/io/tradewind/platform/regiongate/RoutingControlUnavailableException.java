package io.tradewind.platform.regiongate;

/** No ARC cluster endpoint answered; the caller keeps the state it last knew. */
public class RoutingControlUnavailableException extends RuntimeException {
    public RoutingControlUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
