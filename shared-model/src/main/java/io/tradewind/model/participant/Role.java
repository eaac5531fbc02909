package io.tradewind.model.participant;

import io.tradewind.model.topology.Queues;
import io.tradewind.model.trade.SenderRole;
import java.util.Arrays;
import java.util.List;

/** What a participant does in the market, and so which inbound queue it may write. */
public enum Role {
    BROKER(Queues.TRADES_INBOUND),
    INVESTMENT_MANAGER(Queues.TRADES_INBOUND),
    SETTLEMENT_DESK(Queues.SETTLEMENTS_INBOUND);

    private final String inboundQueue;

    Role(String inboundQueue) {
        this.inboundQueue = inboundQueue;
    }

    /** The queue a participant in this role posts to. */
    public String inboundQueue() {
        return inboundQueue;
    }

    /** The role a trade message's {@code senderRole} claims. */
    public static Role of(SenderRole senderRole) {
        return valueOf(senderRole.name());
    }

    /** The role named {@code name} (case-insensitive), or a message that lists the roles. */
    public static Role parse(String name) {
        return Arrays.stream(values())
                .filter(role -> role.name().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role '" + name + "'; known: " + names()));
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Role::name).toList();
    }
}
