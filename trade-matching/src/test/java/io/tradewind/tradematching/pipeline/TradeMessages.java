package io.tradewind.tradematching.pipeline;

import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.MessageType;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.wire.WireCodec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Trade bodies as counterparties post them, built like {@code aBrokerTrade("T1").withPrice("187.26").json()}. */
final class TradeMessages {
    private TradeMessages() {}

    static Builder aBrokerTrade(String ref) {
        return new Builder("BRK001", SenderRole.BROKER, ref);
    }

    static Builder anInvestmentManagerTrade(String ref) {
        return new Builder("IM042", SenderRole.INVESTMENT_MANAGER, ref);
    }

    static String cancel(String sender, SenderRole role, String ref, String messageId) {
        return WireCodec.encode(TradeMessage.cancel(messageId, sender, role, ref));
    }

    static final class Builder {
        private final String sender;
        private final SenderRole role;
        private final String ref;
        private String messageId;
        private String security = "US0378331005";
        private long quantity = 1000;
        private String price = "187.2500";
        private String netAmount = "187250.00";
        private List<Allocation> allocations =
                List.of(new Allocation("1", "ACC-1", 600), new Allocation("2", "ACC-2", 400));

        private Builder(String sender, SenderRole role, String ref) {
            this.sender = sender;
            this.role = role;
            this.ref = ref;
            this.messageId = sender + "-" + ref;
        }

        Builder withMessageId(String id) {
            messageId = id;
            return this;
        }

        Builder withSecurity(String isin) {
            security = isin;
            return this;
        }

        Builder withPrice(String value) {
            price = value;
            return this;
        }

        String json() {
            return WireCodec.encode(new TradeMessage(
                    messageId,
                    MessageType.NEW,
                    sender,
                    role,
                    ref,
                    "BRK001",
                    "IM042",
                    Side.BUY,
                    security,
                    quantity,
                    new BigDecimal(price),
                    "USD",
                    LocalDate.of(2026, 11, 20),
                    LocalDate.of(2026, 11, 23),
                    new BigDecimal(netAmount),
                    allocations));
        }
    }
}
