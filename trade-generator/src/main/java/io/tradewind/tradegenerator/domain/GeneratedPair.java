package io.tradewind.tradegenerator.domain;

import io.tradewind.model.trade.TradeMessage;
import java.util.List;

/** One or two trade messages to post, in order, and the outcome they should reach. */
public record GeneratedPair(ExpectedOutcome expected, List<TradeMessage> messages) {
    public GeneratedPair {
        if (expected == null) throw new IllegalArgumentException("expected is null");
        messages = List.copyOf(messages);
        List<String> ids = messages.stream().map(TradeMessage::messageId).toList();
        if (!ids.equals(expected.messageIds())) {
            throw new IllegalArgumentException(
                    "messages " + ids + " are not the expected " + expected.messageIds() + " of " + expected.pairId());
        }
    }
}
