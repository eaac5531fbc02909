package io.tradewind.tradematching.stage.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.wire.WireCodec;
import org.junit.jupiter.api.Test;

class TradePartitioningTest {
    private static final String NEW = "{\"messageId\":\"BRK001-1\",\"messageType\":\"NEW\",\"senderId\":\"BRK001\","
            + "\"senderRole\":\"BROKER\",\"tradeRef\":\"T1\",\"executingBroker\":\"BRK001\",\"investmentManager\":\"IM042\","
            + "\"side\":\"BUY\",\"security\":\"US0378331005\",\"quantity\":1000}";

    @Test
    void aNewAndItsCancelShareTheTradesIdAsPartitionKey() {
        String cancel = WireCodec.encode(TradeMessage.cancel("BRK001-9", "BRK001", SenderRole.BROKER, "T1"));

        assertThat(TradePartitioning.partitionKeyOf(NEW)).isEqualTo("BRK001|T1");
        assertThat(TradePartitioning.partitionKeyOf(cancel)).isEqualTo("BRK001|T1");
    }

    @Test
    void theSameTradeRefFromAnotherSenderIsAnotherTrade() {
        assertThat(TradePartitioning.partitionKeyOf(NEW.replace("\"senderId\":\"BRK001\"", "\"senderId\":\"IM042\"")))
                .isEqualTo("IM042|T1");
    }

    @Test
    void aBodyThatNamesNoTradeGoesByItsJournalKey() {
        assertThat(TradePartitioning.partitionKeyOf("{\"messageId\":\"X\",\"quantity\":"))
                .isNull();
        assertThat(TradePartitioning.partitionKeyOf("[1,2]")).isNull();
        assertThat(TradePartitioning.partitionKeyOf(NEW.replace("\"tradeRef\":\"T1\"", "\"tradeRef\":42")))
                .isNull();
        assertThat(TradePartitioning.partitionKeyOf(NEW.replace("\"senderId\":\"BRK001\",", "")))
                .isNull();
        assertThat(TradePartitioning.partitionKeyOf(NEW.replace("\"tradeRef\":\"T1\"", "\"tradeRef\":\" \"")))
                .isNull();
    }
}
