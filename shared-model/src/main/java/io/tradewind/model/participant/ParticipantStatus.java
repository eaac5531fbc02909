package io.tradewind.model.participant;

/** Whether a participant's messages are accepted: a suspended participant's are answered REJECTED NOT_AUTHORIZED. */
public enum ParticipantStatus {
    ACTIVE,
    SUSPENDED
}
