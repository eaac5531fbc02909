package io.tradewind.model.trade;

/** NEW posts a trade; CANCEL withdraws the sender's trade named by its tradeRef. */
public enum MessageType {
    NEW,
    CANCEL
}
