package io.tradewind.tradematching.flow;

import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.Side;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.TradeStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What became of one trade: its new status and version, the counterpart it was paired with, and the reasons of a
 * mismatch or refusal. Published by matching, consumed by egress, which turns it into a status report (and, for the
 * investment manager's side of a MATCHED pair, settlement instructions).
 *
 * @param reportMessageId the id of the status report this event becomes, deterministic so a replay repeats it
 * @param trade the trade the report is about
 * @param inReplyTo the message the report answers: the trade's NEW, or the CANCEL that caused it
 * @param version the trade's version after this change; with the trade id and the status it makes the report's id
 * @param settlement present on exactly one event of a MATCHED pair: what egress needs to build the instructions
 */
public record TradeEvent(
        String reportMessageId,
        TradeStatus status,
        TradeRef trade,
        String inReplyTo,
        int version,
        String matchId,
        TradeRef counterpart,
        List<StatusReason> reasons,
        MatchedSettlement settlement) {

    public TradeEvent {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /**
     * The id of the status report about a trade's change to {@code version}: a replay repeats the same id. The status is
     * part of it because a version alone does not name one report: after a failover that lost the tail of the
     * database, the surviving region can reach version 1 of a trade as MISMATCHED where the lost region had sent
     * version 1 as UNMATCHED. With one id for both, the sent-log (and every receiver deduping by message id) would
     * drop the second report as a repeat, and the trade would never be seen MISMATCHED.
     */
    public static String reportId(String tradeId, int version, TradeStatus status) {
        return "TS-" + tradeId + "-v" + version + "-" + status.name();
    }

    /**
     * The id of the REJECTED report answering an input (a refused trade, a cancel of nothing): one per input, so a
     * replay of the input repeats it.
     */
    public static String rejectionReportId(String inputKey) {
        return "TR-" + inputKey;
    }

    /** A trade as reports name it. */
    public record TradeRef(String tradeId, String senderId, String tradeRef) {}

    /**
     * The agreed economics of a MATCHED pair from the investment manager's side, with its allocations.
     *
     * @param side the investment manager's side: BUY means the broker delivers and the accounts receive
     */
    public record MatchedSettlement(
            Side side,
            String executingBroker,
            String security,
            LocalDate tradeDate,
            LocalDate settlementDate,
            BigDecimal price,
            String currency,
            List<Allocation> allocations) {}
}
