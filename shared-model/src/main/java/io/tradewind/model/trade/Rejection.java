package io.tradewind.model.trade;

/**
 * One way an inbound message breaks the wire contract: the JSON path of the field at fault (e.g.
 * {@code allocations[1].quantity}, or {@code body} for the message as a whole), the reason code, and a detail for
 * humans.
 */
public record Rejection(String field, RejectionCode code, String detail) {
    public Rejection {
        if (field == null || field.isBlank()) throw new IllegalArgumentException("field is blank");
        if (code == null) throw new IllegalArgumentException("code is null");
    }
}
