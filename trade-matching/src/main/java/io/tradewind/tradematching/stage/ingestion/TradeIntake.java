package io.tradewind.tradematching.stage.ingestion;

import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.TradeMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The trade book as ingestion sees it: booking new trades, finding trades to cancel, recording rejections. */
public interface TradeIntake {

    /** What booking a NEW trade found. */
    sealed interface Booking {}

    /** Booked now, or by an earlier delivery of the same message (a replay): pass it on either way. */
    record Booked(String tradeId, String partitionKey) implements Booking {}

    /** The sender already booked this tradeRef with another message: the new one is refused. */
    record DuplicateTradeRef(String tradeId, String bookedByMessageId) implements Booking {}

    /** A valid NEW trade to book, with the journal key and arrival of the message that carried it. */
    record NewTrade(TradeMessage trade, String inputKey, Instant receivedAt) {}

    /**
     * Books valid NEW trades under {@code senderId|tradeRef} in one transaction, idempotently, and says for each (in
     * order) whether it is booked or refused as another message for a booked tradeRef.
     */
    List<Booking> bookAll(List<NewTrade> trades);

    /** The partition key (pairing key) of a booked trade, to route its cancel to the shard that matched it. */
    Optional<String> partitionKeyOf(String tradeId);

    /** Records inputs that were answered REJECTED, so reconciliation counts them as finished. */
    void recordRejections(List<RejectedInput> rejections);

    /** An input answered REJECTED; {@code tradeRef} is what the body named, when it could be read. */
    record RejectedInput(
            String inputKey,
            String senderId,
            String messageId,
            String tradeRef,
            List<StatusReason> reasons,
            Instant rejectedAt) {}
}
