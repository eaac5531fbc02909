package io.tradewind.model.contract;

/**
 * One valid body of each inbound message of the wire contract, on the fixed {@link io.tradewind.model.BusinessDay}:
 * the contract's example trade, its cancel, the DELIVER instruction of its first allocation, and that allocation's
 * settlement confirmation.
 */
final class Samples {
    static final String TRADE =
            """
            {"messageId":"BRK001-0000001","messageType":"NEW","senderId":"BRK001","senderRole":"BROKER",
             "tradeRef":"BRK001-T42","executingBroker":"BRK001","investmentManager":"IM042","side":"BUY",
             "security":"US0378331005","quantity":1000,"price":"187.2500","currency":"USD",
             "tradeDate":"2026-11-20","settlementDate":"2026-11-23","netAmount":"187250.00",
             "allocations":[{"allocationId":"1","account":"ACC-1","quantity":600},
                            {"allocationId":"2","account":"ACC-2","quantity":400}]}""";
    static final String CANCEL =
            """
            {"messageId":"BRK001-0000002","messageType":"CANCEL","senderId":"BRK001","senderRole":"BROKER",
             "tradeRef":"BRK001-T42"}""";
    static final String INSTRUCTION =
            """
            {"messageId":"SI-M-8da1b3c8ac6021d3-1-DELIVER","instructionId":"M-8da1b3c8ac6021d3-1-DELIVER",
             "matchId":"M-8da1b3c8ac6021d3","allocationId":"1","direction":"DELIVER","party":"BRK001",
             "counterparty":"IM042","security":"US0378331005","quantity":600,"settlementAmount":"112350.00",
             "currency":"USD","tradeDate":"2026-11-20","intendedSettlementDate":"2026-11-23"}""";
    static final String CONFIRMATION =
            """
            {"messageId":"SC-SM-0123456789abcdef","settlementMatchId":"SM-0123456789abcdef",
             "matchId":"M-8da1b3c8ac6021d3","allocationId":"1","deliverInstructionId":"M-8da1b3c8ac6021d3-1-DELIVER",
             "receiveInstructionId":"M-8da1b3c8ac6021d3-1-RECEIVE"}""";

    private Samples() {}
}
