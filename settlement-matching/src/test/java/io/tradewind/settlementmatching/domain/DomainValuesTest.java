package io.tradewind.settlementmatching.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.values.ParticipantId;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The typed values refuse what breaks their rules and name the field at fault. */
class DomainValuesTest {

    @Test
    void anInstructionIdMustNotBeBlank() {
        assertThatThrownBy(() -> new InstructionId(" ")).hasMessageContaining("instructionId");
    }

    @Test
    void aParticipantIdMustNotBeBlank() {
        assertThatThrownBy(() -> new ParticipantId("")).hasMessageContaining("participantId");
    }

    @Test
    void aSecurityIsAnIsinWithACorrectCheckDigit() {
        assertThat(new SecurityId("US0378331005").isin()).isEqualTo("US0378331005");
        assertThatThrownBy(() -> new SecurityId("US0378331006")).hasMessageContaining("security");
    }

    @Test
    void aQuantityIsPositive() {
        assertThatThrownBy(() -> new Quantity(0)).hasMessageContaining("quantity");
    }

    @Test
    void moneyNamesAnIso4217Currency() {
        assertThat(new Money(new BigDecimal("1.00"), "EUR").currency()).isEqualTo("EUR");
        assertThatThrownBy(() -> new Money(BigDecimal.ONE, "eur")).hasMessageContaining("currency");
        assertThatThrownBy(() -> new Money(null, "EUR")).hasMessageContaining("amount");
    }

    @Test
    void aBookedInstructionRefusesAnInvalidIsinOrANonPositiveAmount() {
        assertThatThrownBy(() -> Instructions.aDelivery().withSecurity("XX").received(1))
                .hasMessageContaining("security");
        assertThatThrownBy(() -> Instructions.aDelivery().withAmount("0.00").received(1))
                .hasMessageContaining("settlementAmount");
    }

    @Test
    void aBookedInstructionOffersItsTypedValues() {
        BookedInstruction booked = Instructions.aDelivery().withQuantity(1000).received(1);

        assertThat(booked.quantity()).isEqualTo(new Quantity(1000));
        assertThat(booked.party()).isEqualTo(new ParticipantId("BRK001"));
        assertThat(booked.settlementAmount()).isEqualTo(new Money(new BigDecimal("112350.00"), "USD"));
    }

    @Test
    void onlyUnmatchedAndMismatchedAreOpenAndReceivedIsNeverReported() {
        assertThat(InstructionStatus.values())
                .filteredOn(InstructionStatus::isOpen)
                .containsExactly(InstructionStatus.UNMATCHED, InstructionStatus.MISMATCHED);
        assertThat(InstructionStatus.SETTLED.reported()).isEqualTo(SettlementStatus.SETTLED);
        assertThatThrownBy(InstructionStatus.RECEIVED::reported).isInstanceOf(IllegalStateException.class);
    }
}
