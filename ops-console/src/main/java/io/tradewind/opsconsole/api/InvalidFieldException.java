package io.tradewind.opsconsole.api;

/** A request field the API refuses: answered 400 with a problem naming the field. */
public final class InvalidFieldException extends RuntimeException {
    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
