package io.tradewind.settlementmatching.domain;

import static io.tradewind.settlementmatching.domain.Instructions.aDelivery;
import static io.tradewind.settlementmatching.domain.Instructions.aReceipt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SettlementPairingKeyTest {
    @Test
    void isTheSameForTheDeliveryAndTheReceiptOfOneSettlement() {
        SettlementPairingKey delivery = SettlementPairingKey.of(aDelivery().build());
        SettlementPairingKey receipt = SettlementPairingKey.of(aReceipt().build());

        assertThat(delivery).isEqualTo(receipt);
        assertThat(delivery.partitionKey()).isEqualTo(receipt.partitionKey());
    }

    @Test
    void isTheSecurityAndThePartiesInAscendingOrder() {
        SettlementPairingKey key = SettlementPairingKey.of(aReceipt().build());

        assertThat(key).isEqualTo(new SettlementPairingKey("US0378331005", "BRK001", "IM042"));
        assertThat(key.partitionKey()).isEqualTo("US0378331005|BRK001|IM042");
    }

    @Test
    void differsForAnotherSecurityOrAnotherParty() {
        SettlementPairingKey key = SettlementPairingKey.of(aDelivery().build());

        assertThat(SettlementPairingKey.of(
                        aDelivery().withSecurity("US5949181045").build()))
                .isNotEqualTo(key);
        assertThat(SettlementPairingKey.of(aDelivery().withCounterparty("IM043").build()))
                .isNotEqualTo(key);
    }

    @Test
    void hashesAKeyLongerThanKinesisAllows() {
        String longParty = "P".repeat(300);
        String partitionKey = new SettlementPairingKey("US0378331005", longParty, "IM042").partitionKey();

        assertThat(partitionKey).matches("H\\|[0-9a-f]{64}");
        assertThat(partitionKey).isEqualTo(new SettlementPairingKey("US0378331005", "IM042", longParty).partitionKey());
    }

    @Test
    void refusesAPartyThatSettlesWithItself() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> SettlementPairingKey.of(
                        aDelivery().withCounterparty("BRK001").build()))
                .withMessageContaining("BRK001");
    }

    @Test
    void refusesABlankSecurityNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SettlementPairingKey(" ", "BRK001", "IM042"))
                .withMessageContaining("security");
    }
}
