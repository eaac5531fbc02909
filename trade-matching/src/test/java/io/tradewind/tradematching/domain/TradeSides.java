package io.tradewind.tradematching.domain;

import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Test fixtures: the broker's and the investment manager's sides of one agreed trade (the wire contract's example),
 * which pair and match until a test changes a field.
 */
final class TradeSides {
    private String senderId;
    private SenderRole role;
    private String tradeRef;
    private String executingBroker = "BRK001";
    private String investmentManager = "IM042";
    private Side side = Side.BUY;
    private String security = "US0378331005";
    private LocalDate tradeDate = LocalDate.parse("2026-11-20");
    private long quantity = 1000;
    private BigDecimal price = new BigDecimal("187.2500");
    private String currency = "USD";
    private LocalDate settlementDate = LocalDate.parse("2026-11-23");
    private BigDecimal netAmount = new BigDecimal("187250.00");
    private List<AllocationSplit> allocations =
            List.of(new AllocationSplit("ACC-1", 600), new AllocationSplit("ACC-2", 400));
    private long arrivalSequence = 1;

    private TradeSides(String senderId, SenderRole role, String tradeRef) {
        this.senderId = senderId;
        this.role = role;
        this.tradeRef = tradeRef;
    }

    static TradeSides aBrokerSide() {
        return new TradeSides("BRK001", SenderRole.BROKER, "BRK001-T42");
    }

    static TradeSides anInvestmentManagerSide() {
        return new TradeSides("IM042", SenderRole.INVESTMENT_MANAGER, "IM042-T7");
    }

    TradeSides withSenderId(String value) {
        senderId = value;
        return this;
    }

    TradeSides withRole(SenderRole value) {
        role = value;
        return this;
    }

    TradeSides withTradeRef(String value) {
        tradeRef = value;
        return this;
    }

    TradeSides withExecutingBroker(String value) {
        executingBroker = value;
        return this;
    }

    TradeSides withInvestmentManager(String value) {
        investmentManager = value;
        return this;
    }

    TradeSides withSide(Side value) {
        side = value;
        return this;
    }

    TradeSides withSecurity(String value) {
        security = value;
        return this;
    }

    TradeSides withTradeDate(String value) {
        tradeDate = LocalDate.parse(value);
        return this;
    }

    TradeSides withQuantity(long value) {
        quantity = value;
        return this;
    }

    TradeSides withPrice(String value) {
        price = new BigDecimal(value);
        return this;
    }

    TradeSides withCurrency(String value) {
        currency = value;
        return this;
    }

    TradeSides withSettlementDate(String value) {
        settlementDate = LocalDate.parse(value);
        return this;
    }

    TradeSides withNetAmount(String value) {
        netAmount = new BigDecimal(value);
        return this;
    }

    /** Allocations as "account:quantity" lines, e.g. {@code withAllocations("ACC-1:600", "ACC-2:400")}. */
    TradeSides withAllocations(String... lines) {
        List<AllocationSplit> parsed = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split(":");
            parsed.add(new AllocationSplit(parts[0], Long.parseLong(parts[1])));
        }
        allocations = parsed;
        return this;
    }

    TradeSides withArrivalSequence(long value) {
        arrivalSequence = value;
        return this;
    }

    PairingKey pairingKey() {
        return new PairingKey(executingBroker, investmentManager, side, security, tradeDate, quantity);
    }

    TradeSide build() {
        return new TradeSide(
                TradeSide.tradeIdOf(senderId, tradeRef),
                senderId,
                role,
                tradeRef,
                pairingKey(),
                price,
                currency,
                settlementDate,
                netAmount,
                allocations,
                arrivalSequence);
    }
}
