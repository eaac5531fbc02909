package io.tradewind.model.settlement;

/** Whether the instructing party delivers the securities (and receives cash) or receives them (and pays). */
public enum Direction {
    DELIVER,
    RECEIVE;

    /** The direction the other party of a settlement must instruct for the two instructions to match. */
    public Direction opposite() {
        return this == DELIVER ? RECEIVE : DELIVER;
    }
}
