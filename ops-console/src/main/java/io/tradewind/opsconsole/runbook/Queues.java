package io.tradewind.opsconsole.runbook;

/** The MQ queues of each region's broker. */
public interface Queues {
    /** Messages waiting on {@code queue} in {@code region}'s broker. */
    long depth(String region, String queue);

    /**
     * Moves the messages waiting on {@code queue} in {@code from} to the same queue in {@code to}, each committed on the
     * target before it is removed from the source (a copy can arrive twice, never zero times: the inbound journal
     * recognises the second), until the queue is empty or about a second has passed (senders may still be posting).
     * Returns how many moved.
     */
    int forward(String from, String to, String queue);

    /** Sends one TextMessage to {@code queue} in {@code region}'s broker, persistent; returns its JMS message id. */
    String sendText(String region, String queue, String body);

    /** Sends one BytesMessage to {@code queue} in {@code region}'s broker, persistent; returns its JMS message id. */
    String sendBytes(String region, String queue, byte[] body);
}
