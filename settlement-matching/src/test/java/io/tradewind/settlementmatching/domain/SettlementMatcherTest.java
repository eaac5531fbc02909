package io.tradewind.settlementmatching.domain;

import static io.tradewind.settlementmatching.domain.Instructions.aDelivery;
import static io.tradewind.settlementmatching.domain.Instructions.aReceipt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tradewind.model.settlement.Direction;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.settlement.SettlementStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettlementMatcherTest {
    private final SettlementMatcher matcher = new SettlementMatcher(SettlementTolerances.csdr());

    private SettlementOutcome decide(SettlementInstruction incoming, OpenInstruction... candidates) {
        return matcher.decide(incoming, List.of(candidates));
    }

    private List<SettlementMismatch> reasonsFor(SettlementInstruction incoming, OpenInstruction counterpart) {
        SettlementOutcome outcome = decide(incoming, counterpart);
        assertThat(outcome).isInstanceOf(SettlementOutcome.Mismatched.class);
        return ((SettlementOutcome.Mismatched) outcome).reasons();
    }

    @Nested
    class Pairing {
        @Test
        void waitsUnmatchedWhenNothingIsOpen() {
            SettlementOutcome outcome = decide(aDelivery().build());

            assertThat(outcome).isEqualTo(new SettlementOutcome.Unmatched());
            assertThat(outcome.status()).isEqualTo(SettlementStatus.UNMATCHED);
        }

        @Test
        void pairsWhicheverDirectionArrivesFirst() {
            OpenInstruction delivery = aDelivery().arrivedAt(1);
            OpenInstruction receipt = aReceipt().arrivedAt(1);

            assertThat(decide(aReceipt().build(), delivery)).isEqualTo(new SettlementOutcome.Matched(delivery));
            assertThat(decide(aDelivery().build(), receipt)).isEqualTo(new SettlementOutcome.Matched(receipt));
        }

        @Test
        void neverPairsInstructionsOfAnotherTradeOrAllocationBetweenTheSameParties() {
            OpenInstruction otherTrade =
                    aReceipt().withReference("M-0000000000000000", "1").arrivedAt(1);
            OpenInstruction otherAllocation = aReceipt()
                    .withReference(Instructions.MATCH_ID, "2")
                    .withInstructionId(Instructions.MATCH_ID + "|2|RECEIVE")
                    .arrivedAt(2);

            assertThat(decide(aDelivery().build(), otherTrade, otherAllocation))
                    .isEqualTo(new SettlementOutcome.Unmatched());
        }

        @Test
        void neverPairsTwoInstructionsOfTheSameDirection() {
            // Mirrored parties, same everything else, but both deliver.
            OpenInstruction otherDelivery = aReceipt()
                    .withDirection(Direction.DELIVER)
                    .withInstructionId("M-1|1|DELIVER")
                    .arrivedAt(1);

            assertThat(decide(aDelivery().build(), otherDelivery)).isEqualTo(new SettlementOutcome.Unmatched());
        }

        @Test
        void neverPairsWhenTheCandidatesPartyIsNotOurCounterparty() {
            OpenInstruction receiptByAnotherDesk = aReceipt().withParty("IM043").arrivedAt(1);

            assertThat(decide(aDelivery().build(), receiptByAnotherDesk)).isEqualTo(new SettlementOutcome.Unmatched());
        }

        @Test
        void neverPairsWhenTheCandidatesCounterpartyIsNotOurParty() {
            OpenInstruction receiptFromAnotherBroker =
                    aReceipt().withCounterparty("BRK002").arrivedAt(1);

            assertThat(decide(aDelivery().build(), receiptFromAnotherBroker))
                    .isEqualTo(new SettlementOutcome.Unmatched());
        }

        @Test
        void neverPairsDifferentSecurities() {
            OpenInstruction receiptOfAnotherSecurity =
                    aReceipt().withSecurity("US5949181045").arrivedAt(1);

            assertThat(decide(aDelivery().build(), receiptOfAnotherSecurity))
                    .isEqualTo(new SettlementOutcome.Unmatched());
        }

        @Test
        void neverPairsAnInstructionWithItsOwnId() {
            OpenInstruction sameId = aReceipt()
                    .withInstructionId(aDelivery().build().instructionId())
                    .arrivedAt(1);

            assertThat(decide(aDelivery().build(), sameId)).isEqualTo(new SettlementOutcome.Unmatched());
        }

        @Test
        void pairsOnlyTheMirroredCandidateAmongOthers() {
            OpenInstruction sameDirection = aDelivery()
                    .withDirection(Direction.RECEIVE)
                    .withInstructionId("M-1|1|RECEIVE")
                    .arrivedAt(1);
            OpenInstruction otherDesk = aDelivery()
                    .withParty("BRK002")
                    .withInstructionId("M-2|1|DELIVER")
                    .arrivedAt(2);
            OpenInstruction counterpart = aDelivery().arrivedAt(3);

            assertThat(decide(aReceipt().build(), sameDirection, otherDesk, counterpart))
                    .isEqualTo(new SettlementOutcome.Matched(counterpart));
        }
    }

    @Nested
    class Matching {
        @Test
        void matchesWhenEveryComparedFieldAgrees() {
            OpenInstruction delivery = aDelivery().arrivedAt(1);

            SettlementOutcome outcome = decide(aReceipt().build(), delivery);

            assertThat(outcome).isEqualTo(new SettlementOutcome.Matched(delivery));
            assertThat(outcome.status()).isEqualTo(SettlementStatus.MATCHED);
        }

        @Test
        void mismatchesOnQuantity() {
            assertThat(reasonsFor(
                            aReceipt().withQuantity(601).build(), aDelivery().arrivedAt(1)))
                    .containsExactly(new SettlementMismatch("quantity", "DIFFERENT", "601", "600"));
        }

        @Test
        void mismatchesOnTradeDate() {
            assertThat(reasonsFor(
                            aReceipt().withTradeDate("2026-11-19").build(),
                            aDelivery().arrivedAt(1)))
                    .containsExactly(new SettlementMismatch("tradeDate", "DIFFERENT", "2026-11-19", "2026-11-20"));
        }

        @Test
        void mismatchesOnIntendedSettlementDate() {
            SettlementInstruction receipt =
                    aReceipt().withIntendedSettlementDate("2026-11-24").build();

            assertThat(reasonsFor(receipt, aDelivery().arrivedAt(1)))
                    .containsExactly(
                            new SettlementMismatch("intendedSettlementDate", "DIFFERENT", "2026-11-24", "2026-11-23"));
        }

        @Test
        void mismatchesOnCurrency() {
            assertThat(reasonsFor(
                            aReceipt().withCurrency("EUR").build(), aDelivery().arrivedAt(1)))
                    .containsExactly(new SettlementMismatch("currency", "DIFFERENT", "EUR", "USD"));
        }

        @Test
        void mismatchesWhenAmountOutsideTolerance() {
            assertThat(reasonsFor(
                            aReceipt().withAmount("112375.01").build(),
                            aDelivery().arrivedAt(1)))
                    .containsExactly(
                            new SettlementMismatch("settlementAmount", "OUTSIDE_TOLERANCE", "112375.01", "112350.00"));
        }

        @ParameterizedTest(name = "{0} against {1} matches: {2}")
        @CsvSource({
            "1002.00, 1000.00, true",
            "1002.01, 1000.00, false",
            "200025.00, 200000.00, true",
            "200025.01, 200000.00, false",
            "99998.00, 100000.00, true",
            "99997.99, 100000.00, false"
        })
        void appliesTheCsdrToleranceAtBothBoundaries(String ours, String theirs, boolean matches) {
            SettlementOutcome outcome = decide(
                    aReceipt().withAmount(ours).build(),
                    aDelivery().withAmount(theirs).arrivedAt(1));

            assertThat(outcome.status()).isEqualTo(matches ? SettlementStatus.MATCHED : SettlementStatus.MISMATCHED);
        }

        @Test
        void appliesAPerCurrencyOverride() {
            SettlementTolerances jpyWide = new SettlementTolerances(
                    SettlementTolerances.csdr().defaultTier(),
                    Map.of(
                            "JPY",
                            new SettlementTolerances.Tier(
                                    new BigDecimal("10000000"), new BigDecimal("200"), new BigDecimal("2500"))));
            SettlementMatcher jpyMatcher = new SettlementMatcher(jpyWide);

            SettlementOutcome jpy = jpyMatcher.decide(
                    aReceipt().withCurrency("JPY").withAmount("16850000").build(),
                    List.of(aDelivery()
                            .withCurrency("JPY")
                            .withAmount("16852500")
                            .arrivedAt(1)));
            SettlementOutcome usd = jpyMatcher.decide(
                    aReceipt().withAmount("16850000").build(),
                    List.of(aDelivery().withAmount("16852500").arrivedAt(1)));

            assertThat(jpy.status()).isEqualTo(SettlementStatus.MATCHED);
            assertThat(usd.status()).isEqualTo(SettlementStatus.MISMATCHED);
        }

        @Test
        void reportsEveryDifferingFieldInWireOrder() {
            SettlementInstruction receipt = aReceipt()
                    .withQuantity(601)
                    .withAmount("1.00")
                    .withCurrency("EUR")
                    .withTradeDate("2026-11-19")
                    .withIntendedSettlementDate("2026-11-24")
                    .build();

            assertThat(reasonsFor(receipt, aDelivery().arrivedAt(1)))
                    .extracting(SettlementMismatch::field)
                    .containsExactly("quantity", "settlementAmount", "currency", "tradeDate", "intendedSettlementDate");
        }

        @Test
        void tellsTheCounterpartItsOwnValueFirstWhenReversed() {
            SettlementMismatch ours = reasonsFor(
                            aReceipt().withQuantity(601).build(), aDelivery().arrivedAt(1))
                    .get(0);

            assertThat(ours.reversed()).isEqualTo(new SettlementMismatch("quantity", "DIFFERENT", "600", "601"));
            assertThat(ours.reversed().reversed()).isEqualTo(ours);
        }
    }

    @Nested
    class ChoosingAmongCandidates {
        @Test
        void prefersTheClosestAmountAmongMatchingCandidates() {
            OpenInstruction earlierButFurther =
                    aDelivery().withInstructionId("D-1").withAmount("1001.50").arrivedAt(1);
            OpenInstruction closer =
                    aDelivery().withInstructionId("D-2").withAmount("999.50").arrivedAt(2);

            assertThat(decide(aReceipt().withAmount("1000.00").build(), earlierButFurther, closer))
                    .isEqualTo(new SettlementOutcome.Matched(closer));
        }

        @Test
        void prefersTheEarliestArrivalAmongEquallyCloseCandidates() {
            OpenInstruction later =
                    aDelivery().withInstructionId("D-1").withAmount("1001.00").arrivedAt(7);
            OpenInstruction earlier =
                    aDelivery().withInstructionId("D-2").withAmount("999.00").arrivedAt(3);

            assertThat(decide(aReceipt().withAmount("1000.00").build(), later, earlier))
                    .isEqualTo(new SettlementOutcome.Matched(earlier));
        }

        @Test
        void prefersTheSmallerInstructionIdWhenAmountAndArrivalTie() {
            OpenInstruction larger = aDelivery().withInstructionId("D-2").arrivedAt(3);
            OpenInstruction smaller = aDelivery().withInstructionId("D-1").arrivedAt(3);

            assertThat(decide(aReceipt().build(), larger, smaller)).isEqualTo(new SettlementOutcome.Matched(smaller));
            assertThat(decide(aReceipt().build(), smaller, larger)).isEqualTo(new SettlementOutcome.Matched(smaller));
        }

        @Test
        void prefersAMatchingCandidateOverACloserEarlierMismatchingOne() {
            OpenInstruction exactAmountWrongDate = aDelivery()
                    .withInstructionId("D-1")
                    .withAmount("1000.00")
                    .withIntendedSettlementDate("2026-11-24")
                    .arrivedAt(1);
            OpenInstruction withinTolerance =
                    aDelivery().withInstructionId("D-2").withAmount("1001.99").arrivedAt(2);

            assertThat(decide(aReceipt().withAmount("1000.00").build(), exactAmountWrongDate, withinTolerance))
                    .isEqualTo(new SettlementOutcome.Matched(withinTolerance));
        }

        @Test
        void mismatchesWithTheCandidateThatDiffersInFewestFields() {
            OpenInstruction twoFieldsOff = aDelivery()
                    .withInstructionId("D-1")
                    .withQuantity(601)
                    .withTradeDate("2026-11-19")
                    .arrivedAt(1);
            OpenInstruction oneFieldOff =
                    aDelivery().withInstructionId("D-2").withAmount("112500.00").arrivedAt(2);

            SettlementOutcome outcome = decide(aReceipt().build(), twoFieldsOff, oneFieldOff);

            assertThat(outcome)
                    .isEqualTo(new SettlementOutcome.Mismatched(
                            oneFieldOff,
                            List.of(new SettlementMismatch(
                                    "settlementAmount", "OUTSIDE_TOLERANCE", "112350.00", "112500.00"))));
            assertThat(outcome.status()).isEqualTo(SettlementStatus.MISMATCHED);
        }

        @Test
        void breaksATieBetweenMismatchesByClosestAmountThenEarliestThenId() {
            OpenInstruction further = aDelivery()
                    .withInstructionId("D-1")
                    .withQuantity(601)
                    .withAmount("112360.00")
                    .arrivedAt(1);
            OpenInstruction closerLater = aDelivery()
                    .withInstructionId("D-3")
                    .withQuantity(602)
                    .withAmount("112351.00")
                    .arrivedAt(5);
            OpenInstruction closerEarlier = aDelivery()
                    .withInstructionId("D-4")
                    .withQuantity(603)
                    .withAmount("112349.00")
                    .arrivedAt(4);
            OpenInstruction closerEarlierSmallerId = aDelivery()
                    .withInstructionId("D-2")
                    .withQuantity(604)
                    .withAmount("112351.00")
                    .arrivedAt(4);

            SettlementOutcome outcome =
                    decide(aReceipt().build(), further, closerLater, closerEarlier, closerEarlierSmallerId);

            assertThat(outcome).isInstanceOf(SettlementOutcome.Mismatched.class);
            assertThat(((SettlementOutcome.Mismatched) outcome).counterpart()).isEqualTo(closerEarlierSmallerId);
        }

        @Test
        void matchesAMismatchedInstructionWhenAFullyMatchingCounterpartArrivesLater() {
            // The delivery was first paired with a receipt for the wrong quantity; it stayed open, MISMATCHED.
            OpenInstruction delivery = aDelivery().arrivedAt(1);
            SettlementInstruction wrongReceipt =
                    aReceipt().withInstructionId("R-wrong").withQuantity(60).build();
            assertThat(decide(wrongReceipt, delivery).status()).isEqualTo(SettlementStatus.MISMATCHED);
            OpenInstruction stillOpen = aDelivery().mismatchedAt(1);

            SettlementOutcome outcome = decide(aReceipt().build(), stillOpen);

            assertThat(outcome).isEqualTo(new SettlementOutcome.Matched(stillOpen));
        }
    }

    @Nested
    class Invariants {
        @Test
        void refusesAnIncomingInstructionWithoutAFieldItCompares() {
            SettlementInstruction noAmount = new SettlementInstruction(
                    "TW-1",
                    "R-1",
                    "M-1",
                    "1",
                    Direction.RECEIVE,
                    "IM042",
                    "BRK001",
                    "US0378331005",
                    600,
                    null,
                    "USD",
                    aReceipt().build().tradeDate(),
                    aReceipt().build().intendedSettlementDate());

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> decide(noAmount))
                    .withMessageContaining("incoming.settlementAmount");
        }

        @Test
        void refusesAnOpenInstructionThatIsNoLongerOpen() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new OpenInstruction(aDelivery().build(), 1, SettlementStatus.MATCHED))
                    .withMessageContaining("status")
                    .withMessageContaining("MATCHED");
        }

        @Test
        void refusesAMismatchWithoutReasons() {
            assertThatIllegalArgumentException()
                    .isThrownBy(
                            () -> new SettlementOutcome.Mismatched(aDelivery().arrivedAt(1), List.of()))
                    .withMessageContaining("reasons");
        }
    }
}
