package io.tradewind.tradematching.stage.ingestion;

import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.platform.idempotency.DecidedInputs;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The trade book as ingestion sees it: what it decided before, booking new trades, holding cancels that arrive before
 * their trade and letting them go once it is booked, and recording rejections.
 */
public interface TradeIntake extends DecidedInputs<TradeIntake.RejectedInput, TradeIntake.BookedBefore> {

    /** The trade a NEW booked: a replay of it asks matching again, as its first delivery did. */
    record BookedBefore(String tradeId, String partitionKey, String messageId) {}

    /** What booking a NEW trade found. */
    sealed interface Booking {}

    /** Booked now, or by an earlier delivery of the same message (a replay): pass it on either way. */
    record Booked(String tradeId, String partitionKey) implements Booking {}

    /** The sender already booked this tradeRef with another message: the new one is refused. */
    record DuplicateTradeRef(String tradeId, String bookedByMessageId) implements Booking {}

    /** A valid NEW trade to book, with the journal key and arrival of the message that carried it. */
    record NewTrade(TradeMessage trade, String inputKey, Instant receivedAt) {}

    /**
     * What a booking transaction did: what booking each NEW found (in order), and the held cancels of the booked trades,
     * oldest first, which matching must now get right after their trade's own command.
     */
    record Bookings(List<Booking> bookings, List<ReleasedCancel> released) {}

    /**
     * Books valid NEW trades under {@code senderId|tradeRef} in one transaction, idempotently, and releases the cancels
     * held for those trades and for {@code bookedBefore} (trades of replayed NEWs). A cancel released by an earlier
     * delivery of the same NEW is released again, since its command may not have been published then.
     */
    Bookings bookAll(List<NewTrade> trades, Collection<String> bookedBefore);

    /**
     * A valid CANCEL of a trade: held while the trade is not booked, since the NEW it follows may still be on its way.
     *
     * @param receivedAt when the gateway took the CANCEL
     */
    record HeldCancel(
            String tradeId, String inputKey, String messageId, String senderId, String tradeRef, Instant receivedAt) {}

    /** A held CANCEL let go to matching, under the partition key of the trade it cancels. */
    record ReleasedCancel(HeldCancel cancel, String partitionKey) {}

    /**
     * Holds each cancel whose trade is not booked (a cancel held before stays held as it was, its grace running from
     * the first hold) and returns the partition key of each booked trade they name, by trade id. One transaction:
     * a trade booked meanwhile either is seen here or releases the hold.
     */
    Map<String, String> holdUnbooked(List<HeldCancel> cancels, Instant heldAt);

    /** What one sweep of the held cancels did. */
    record Sweep(List<RejectedInput> rejected, List<ReleasedCancel> released) {}

    /**
     * Decides, in one transaction, up to {@code limit} cancels held since before {@code heldBefore} and not released:
     * one whose trade is booked after all is released; the others are answered {@code reject} and recorded as rejected
     * inputs, for good. A hold being released or swept elsewhere at the same time is skipped (row locks). Rejections
     * recorded by an earlier sweep that have not been {@linkplain #forgetHolds forgotten} are returned again,
     * so what a sweep that died before publishing recorded is still published.
     */
    Sweep sweepHeldCancels(Instant heldBefore, int limit, Function<HeldCancel, RejectedInput> reject);

    /**
     * Forgets the holds that need no more keeping: rejections that have been published, and released cancels that
     * matching has applied.
     */
    void forgetHolds(Collection<String> publishedRejections);

    /** An input answered REJECTED; {@code tradeRef} is what the body named, when it could be read. */
    record RejectedInput(
            String inputKey,
            String senderId,
            String messageId,
            String tradeRef,
            List<StatusReason> reasons,
            Instant rejectedAt) {}
}
