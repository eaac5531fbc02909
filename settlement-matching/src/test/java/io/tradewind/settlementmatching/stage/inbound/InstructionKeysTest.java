package io.tradewind.settlementmatching.stage.inbound;

import static io.tradewind.settlementmatching.pipeline.Instructions.aDelivery;
import static io.tradewind.settlementmatching.pipeline.Instructions.aReceipt;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.wire.Envelope;
import io.tradewind.settlementmatching.domain.SettlementPairingKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstructionKeysTest {
    private final InstructionKeys keys = new InstructionKeys();

    @Test
    void journalsAnInstructionUnderItsPartyAndMessageId() {
        assertThat(keys.envelopeOf(aDelivery("P1").json()))
                .contains(new Envelope("BRK001", "SI-M-P1-1-DELIVER"))
                .map(Envelope::journalKey)
                .contains("BRK001|SI-M-P1-1-DELIVER");
        assertThat(keys.envelopeOf(aReceipt("P1").json())).contains(new Envelope("IM042", "SI-M-P1-1-RECEIVE"));
    }

    @Test
    void partitionsBothSidesOfASettlementByTheirCommonPairingKey() {
        String delivery = keys.partitionKeyOf(aDelivery("P1").json());

        assertThat(delivery).isEqualTo("US0378331005|BRK001|IM042");
        assertThat(keys.partitionKeyOf(aReceipt("P1").json())).isEqualTo(delivery);
        assertThat(delivery)
                .isEqualTo(
                        SettlementPairingKey.of(aDelivery("P1").instruction()).partitionKey());
    }

    @Test
    void keepsSidesThatDisagreeOnAmountOrQuantityTogetherSoTheMismatchIsFound() {
        assertThat(keys.partitionKeyOf(
                        aReceipt("P1").withAmount("99.00").withQuantity(1).json()))
                .isEqualTo(keys.partitionKeyOf(aDelivery("P1").json()));
    }

    @Test
    void partitionsAnotherSecurityOrAnotherPairOfPartiesApart() {
        String key = keys.partitionKeyOf(aDelivery("P1").json());

        assertThat(keys.partitionKeyOf(
                        aDelivery("P1").withSecurity("US5949181045").json()))
                .isNotEqualTo(key);
        assertThat(keys.partitionKeyOf(
                        aDelivery("P1").between("BRK001", "IM043").json()))
                .isNotEqualTo(key);
    }

    @Test
    void keepsAPartitionKeyOfPartiesTooLongForKinesisWithinItsLimitAndStillShared() {
        String deliverer = "D".repeat(200);
        String receiver = "R".repeat(200);

        String delivery =
                keys.partitionKeyOf(aDelivery("P1").between(deliverer, receiver).json());

        assertThat(delivery).hasSizeLessThanOrEqualTo(256);
        assertThat(keys.partitionKeyOf(
                        aReceipt("P1").between(deliverer, receiver).json()))
                .isEqualTo(delivery);
    }

    @Test
    void readsAnInstructionThatBreaksTheContractLenientlySoItsRejectionReachesTheParty() {
        String invalid = aDelivery("P1")
                .withQuantity(0)
                .withRaw("colour", "\"red\"")
                .withSecurity("US0378331006")
                .json();

        assertThat(keys.envelopeOf(invalid)).contains(new Envelope("BRK001", "SI-M-P1-1-DELIVER"));
        assertThat(keys.partitionKeyOf(invalid)).isEqualTo("US0378331006|BRK001|IM042");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "not json",
                "{\"messageId\":\"SI-1\",\"party\":",
                "[{\"messageId\":\"SI-1\",\"party\":\"BRK001\"}]",
                "\"BRK001\"",
                "null",
                "42"
            })
    void keysNothingInABodyItCannotRead(String body) {
        assertThat(keys.envelopeOf(body)).isEmpty();
        assertThat(keys.partitionKeyOf(body)).isNull();
    }

    @Test
    void journalsNothingForABodyWithoutAReadablePartyOrMessageId() {
        assertThat(keys.envelopeOf(aDelivery("P1").without("party").json())).isEmpty();
        assertThat(keys.envelopeOf(aDelivery("P1").withRaw("party", "42").json()))
                .isEmpty();
        assertThat(keys.envelopeOf(aDelivery("P1").withRaw("party", "\" \"").json()))
                .isEmpty();
        assertThat(keys.envelopeOf(aDelivery("P1").without("messageId").json())).isEmpty();
        assertThat(keys.envelopeOf(aDelivery("P1").withRaw("messageId", "null").json()))
                .isEmpty();
    }

    @Test
    void partitionsNothingForABodyWithoutSecurityAndTwoDistinctParties() {
        assertThat(keys.partitionKeyOf(aDelivery("P1").without("security").json()))
                .isNull();
        assertThat(keys.partitionKeyOf(aDelivery("P1").without("counterparty").json()))
                .isNull();
        assertThat(keys.partitionKeyOf(aDelivery("P1").withRaw("party", "42").json()))
                .isNull();
        assertThat(keys.partitionKeyOf(
                        aDelivery("P1").between("BRK001", "BRK001").json()))
                .isNull();
    }

    @Test
    void partitionsABodyWithoutAMessageIdAllTheSame() {
        assertThat(keys.partitionKeyOf(aDelivery("P1").without("messageId").json()))
                .isEqualTo("US0378331005|BRK001|IM042");
        assertThat(keys.envelopeOf(aDelivery("P1").without("messageId").json())).isEqualTo(Optional.empty());
    }
}
