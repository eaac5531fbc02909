package io.tradewind.tradematching.domain;

import static io.tradewind.tradematching.domain.TradeSides.aBrokerSide;
import static io.tradewind.tradematching.domain.TradeSides.anInvestmentManagerSide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TradeMatcherTest {
    private final TradeMatcher matcher = new TradeMatcher(MatchingTolerances.defaults());

    private MatchOutcome decide(TradeSide incoming, TradeSide... candidates) {
        return matcher.decide(incoming, List.of(candidates));
    }

    private List<MatchReason> reasonsFor(TradeSide incoming, TradeSide counterpart) {
        MatchOutcome outcome = decide(incoming, counterpart);
        assertThat(outcome).isInstanceOf(MatchOutcome.Mismatched.class);
        return ((MatchOutcome.Mismatched) outcome).reasons();
    }

    private void assertMatches(TradeSide incoming, TradeSide counterpart) {
        assertThat(decide(incoming, counterpart)).isInstanceOf(MatchOutcome.Matched.class);
    }

    @Nested
    class Pairing {
        @Test
        void waitsUnmatchedWhenTheBookHoldsNoCandidate() {
            TradeSide incoming = aBrokerSide().build();

            assertThat(decide(incoming)).isEqualTo(new MatchOutcome.Unmatched(incoming));
        }

        @Test
        void neverPairsTwoSidesOfTheSameRole() {
            TradeSide broker = aBrokerSide().build();
            TradeSide otherBroker = aBrokerSide()
                    .withSenderId("BRK002")
                    .withTradeRef("BRK002-T1")
                    .build();
            TradeSide manager = anInvestmentManagerSide().build();
            TradeSide otherManager = anInvestmentManagerSide()
                    .withSenderId("IM043")
                    .withTradeRef("IM043-T1")
                    .build();

            assertThat(decide(broker, otherBroker)).isEqualTo(new MatchOutcome.Unmatched(broker));
            assertThat(decide(manager, otherManager)).isEqualTo(new MatchOutcome.Unmatched(manager));
        }

        @Test
        void pairsWhicheverRoleArrivesFirst() {
            TradeSide broker = aBrokerSide().build();
            TradeSide manager = anInvestmentManagerSide().build();

            assertThat(decide(broker, manager))
                    .isEqualTo(new MatchOutcome.Matched(matchIdOf(broker, manager), broker, manager));
            assertThat(decide(manager, broker))
                    .isEqualTo(new MatchOutcome.Matched(matchIdOf(broker, manager), manager, broker));
        }

        static Stream<Arguments> eachPairingField() {
            return Stream.of(
                    Arguments.of(
                            named("executingBroker", (UnaryOperator<TradeSides>) s -> s.withExecutingBroker("BRK002"))),
                    Arguments.of(named(
                            "investmentManager", (UnaryOperator<TradeSides>) s -> s.withInvestmentManager("IM043"))),
                    Arguments.of(named("side", (UnaryOperator<TradeSides>) s -> s.withSide(Side.SELL))),
                    Arguments.of(named("security", (UnaryOperator<TradeSides>) s -> s.withSecurity("US5949181045"))),
                    Arguments.of(named("tradeDate", (UnaryOperator<TradeSides>) s -> s.withTradeDate("2026-11-19"))),
                    Arguments.of(named("quantity", (UnaryOperator<TradeSides>) s -> s.withQuantity(1001))));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("eachPairingField")
        void waitsUnmatchedWhenOnePairingFieldDiffers(UnaryOperator<TradeSides> change) {
            TradeSide broker = aBrokerSide().build();
            TradeSide manager = change.apply(anInvestmentManagerSide()).build();

            assertThat(decide(broker, manager)).isEqualTo(new MatchOutcome.Unmatched(broker));
            assertThat(decide(manager, broker)).isEqualTo(new MatchOutcome.Unmatched(manager));
        }
    }

    @Nested
    class Matching {
        @Test
        void matchesWhenEveryComparedFieldAgrees() {
            TradeSide broker = aBrokerSide().build();
            TradeSide manager = anInvestmentManagerSide().build();

            MatchOutcome outcome = decide(manager, broker);

            assertThat(outcome).isEqualTo(new MatchOutcome.Matched(matchIdOf(manager, broker), manager, broker));
            assertThat(outcome.status()).isEqualTo(BookStatus.MATCHED);
        }

        @Test
        void mismatchesOnSettlementDate() {
            TradeSide broker = aBrokerSide().withSettlementDate("2026-11-24").build();
            TradeSide manager = anInvestmentManagerSide().build();

            assertThat(reasonsFor(broker, manager))
                    .containsExactly(new MatchReason("settlementDate", "DIFFERENT", "2026-11-24", "2026-11-23"));
        }

        @Test
        void mismatchesOnCurrency() {
            TradeSide broker = aBrokerSide().withCurrency("EUR").build();
            TradeSide manager = anInvestmentManagerSide().build();

            assertThat(reasonsFor(broker, manager))
                    .containsExactly(new MatchReason("currency", "DIFFERENT", "EUR", "USD"));
        }

        @Test
        void mismatchesOnPrice() {
            TradeSide broker = aBrokerSide().withPrice("187.3000").build();
            TradeSide manager = anInvestmentManagerSide().build();

            assertThat(reasonsFor(broker, manager))
                    .containsExactly(new MatchReason("price", "DIFFERENT", "187.3000", "187.2500"));
        }

        @Test
        void mismatchesOnNetAmountOutsideTolerance() {
            TradeSide broker = aBrokerSide().withNetAmount("187300.00").build();
            TradeSide manager = anInvestmentManagerSide().build();

            assertThat(reasonsFor(broker, manager))
                    .containsExactly(new MatchReason("netAmount", "OUTSIDE_TOLERANCE", "187300.00", "187250.00"));
        }

        @Test
        void mismatchesOnAllocations() {
            TradeSide broker = aBrokerSide().withAllocations("ACC-1:1000").build();
            TradeSide manager = anInvestmentManagerSide().build();

            assertThat(reasonsFor(broker, manager))
                    .containsExactly(new MatchReason("allocations", "DIFFERENT", "ACC-1:1000", "ACC-1:600,ACC-2:400"));
        }

        @Test
        void givesOneReasonPerDifferingFieldInWireOrder() {
            TradeSide manager = anInvestmentManagerSide()
                    .withAllocations("ACC-9:1000")
                    .withNetAmount("1.00")
                    .withPrice("1")
                    .withCurrency("GBP")
                    .withSettlementDate("2026-11-30")
                    .build();
            TradeSide broker = aBrokerSide().build();

            MatchOutcome outcome = decide(manager, broker);

            assertThat(outcome)
                    .isEqualTo(new MatchOutcome.Mismatched(
                            matchIdOf(manager, broker),
                            manager,
                            broker,
                            List.of(
                                    new MatchReason("settlementDate", "DIFFERENT", "2026-11-30", "2026-11-23"),
                                    new MatchReason("currency", "DIFFERENT", "GBP", "USD"),
                                    new MatchReason("price", "DIFFERENT", "1.0000", "187.2500"),
                                    new MatchReason("netAmount", "OUTSIDE_TOLERANCE", "1.00", "187250.00"),
                                    new MatchReason("allocations", "DIFFERENT", "ACC-9:1000", "ACC-1:600,ACC-2:400"))));
            assertThat(outcome.status()).isEqualTo(BookStatus.MISMATCHED);
        }

        @Test
        void reportsTheIncomingSideAsOursAndTheCounterpartAsTheirs() {
            TradeSide broker = aBrokerSide().withCurrency("EUR").build();
            TradeSide manager = anInvestmentManagerSide().build();

            assertThat(reasonsFor(manager, broker))
                    .containsExactly(new MatchReason("currency", "DIFFERENT", "USD", "EUR"));
        }
    }

    @Nested
    class Price {
        @Test
        void matchesWhenPricesAreEqualAtFourDecimalsWhateverTheirScale() {
            assertMatches(
                    aBrokerSide().withPrice("187.25").build(),
                    anInvestmentManagerSide().withPrice("187.2500").build());
        }

        @Test
        void mismatchesWhenPriceIsOneTenThousandthOff() {
            TradeSide broker = aBrokerSide().withPrice("187.2501").build();
            TradeSide manager = anInvestmentManagerSide().withPrice("187.2500").build();

            assertThat(reasonsFor(broker, manager))
                    .containsExactly(new MatchReason("price", "DIFFERENT", "187.2501", "187.2500"));
        }

        @Test
        void mismatchesWhenPriceDiffersBeyondTheFourthDecimal() {
            TradeSide broker = aBrokerSide().withPrice("187.25001").build();
            TradeSide manager = anInvestmentManagerSide().withPrice("187.2500").build();

            assertThat(reasonsFor(broker, manager))
                    .containsExactly(new MatchReason("price", "DIFFERENT", "187.25001", "187.2500"));
        }
    }

    @Nested
    class NetAmount {
        private void assertNetAmounts(String ours, String theirs, boolean matches) {
            TradeSide broker = aBrokerSide().withNetAmount(ours).build();
            TradeSide manager = anInvestmentManagerSide().withNetAmount(theirs).build();
            Class<?> expected = matches ? MatchOutcome.Matched.class : MatchOutcome.Mismatched.class;

            // The same decision whichever side arrived first.
            assertThat(decide(broker, manager)).isInstanceOf(expected);
            assertThat(decide(manager, broker)).isInstanceOf(expected);
        }

        @Test
        void matchesWhenNetAmountExactlyAtToleranceUpTo100k() {
            assertNetAmounts("99000.00", "99002.00", true);
        }

        @Test
        void mismatchesWhenNetAmountOneCentBeyondToleranceUpTo100k() {
            assertNetAmounts("99000.00", "99002.01", false);
        }

        @Test
        void matchesWhenNetAmountExactlyAtToleranceAbove100k() {
            assertNetAmounts("187250.00", "187275.00", true);
        }

        @Test
        void mismatchesWhenNetAmountOneCentBeyondToleranceAbove100k() {
            assertNetAmounts("187250.00", "187275.01", false);
        }

        @Test
        void appliesTheLowerTierToAnAmountExactlyAt100k() {
            assertNetAmounts("100000.00", "99998.00", true);
            assertNetAmounts("100000.00", "99997.99", false);
        }

        @Test
        void choosesTheTierByTheLargerOfTheTwoAmounts() {
            // 100,010 is above the threshold, so 20.00 apart is within the upper tier for both arrival orders.
            assertNetAmounts("99990.00", "100010.00", true);
        }

        @Test
        void reportsTheNetAmountsAsReceived() {
            TradeSide broker = aBrokerSide().withNetAmount("99000.00").build();
            TradeSide manager =
                    anInvestmentManagerSide().withNetAmount("99002.01").build();

            assertThat(reasonsFor(broker, manager))
                    .containsExactly(new MatchReason("netAmount", "OUTSIDE_TOLERANCE", "99000.00", "99002.01"));
        }
    }

    @Nested
    class Allocations {
        @Test
        void matchesWhenAllocationsAreTheSameLinesInAnotherOrder() {
            assertMatches(
                    aBrokerSide().withAllocations("ACC-2:400", "ACC-1:600").build(),
                    anInvestmentManagerSide()
                            .withAllocations("ACC-1:600", "ACC-2:400")
                            .build());
        }

        @Test
        void mismatchesWhenTheSameAccountsAreSplitDifferently() {
            TradeSide broker =
                    aBrokerSide().withAllocations("ACC-1:500", "ACC-2:500").build();
            TradeSide manager = anInvestmentManagerSide()
                    .withAllocations("ACC-1:600", "ACC-2:400")
                    .build();

            assertThat(reasonsFor(broker, manager))
                    .containsExactly(
                            new MatchReason("allocations", "DIFFERENT", "ACC-1:500,ACC-2:500", "ACC-1:600,ACC-2:400"));
        }

        @Test
        void mismatchesWhenOneSideSplitsAnAccountIntoSeveralLines() {
            TradeSide broker =
                    aBrokerSide().withAllocations("ACC-1:600", "ACC-1:400").build();
            TradeSide manager =
                    anInvestmentManagerSide().withAllocations("ACC-1:1000").build();

            assertThat(decide(broker, manager)).isInstanceOf(MatchOutcome.Mismatched.class);
        }

        @Test
        void matchesDuplicateLinesWhenBothSidesRepeatThemEquallyOften() {
            assertMatches(
                    aBrokerSide()
                            .withAllocations("ACC-1:300", "ACC-1:300", "ACC-2:400")
                            .build(),
                    anInvestmentManagerSide()
                            .withAllocations("ACC-1:300", "ACC-2:400", "ACC-1:300")
                            .build());
        }

        @Test
        void mismatchesDuplicateLinesRepeatedADifferentNumberOfTimes() {
            // Equal as sets and of equal length: only a multiset comparison tells them apart.
            TradeSide broker = aBrokerSide()
                    .withAllocations("ACC-1:300", "ACC-1:300", "ACC-2:400")
                    .build();
            TradeSide manager = anInvestmentManagerSide()
                    .withAllocations("ACC-1:300", "ACC-2:400", "ACC-2:400")
                    .build();

            assertThat(reasonsFor(broker, manager))
                    .containsExactly(new MatchReason(
                            "allocations",
                            "DIFFERENT",
                            "ACC-1:300,ACC-1:300,ACC-2:400",
                            "ACC-1:300,ACC-2:400,ACC-2:400"));
        }

        @Test
        void comparesMoreLinesThanTheBitmaskHoldsAsAMultisetToo() {
            List<AllocationSplit> lines = new ArrayList<>();
            for (int i = 0; i < 70; i++) {
                lines.add(new AllocationSplit("ACC-" + (i % 7), 10 + i % 3));
            }
            List<AllocationSplit> reversed = new ArrayList<>(lines);
            Collections.reverse(reversed);
            List<AllocationSplit> changed = new ArrayList<>(reversed);
            changed.set(0, new AllocationSplit("ACC-0", 99));

            assertThat(TradeMatcher.sameMultiset(lines, reversed)).isTrue();
            assertThat(TradeMatcher.sameMultiset(lines, changed)).isFalse();
        }
    }

    @Nested
    class ChoosingAmongCandidates {
        private final TradeSide incoming = aBrokerSide().withPrice("187.2500").build();

        private TradeSides manager(String tradeRef, String price, long arrivalSequence) {
            return anInvestmentManagerSide()
                    .withTradeRef(tradeRef)
                    .withPrice(price)
                    .withArrivalSequence(arrivalSequence);
        }

        private TradeSide chosen(TradeSide... candidates) {
            MatchOutcome outcome = decide(incoming, candidates);
            List<TradeSide> reversed = new ArrayList<>(List.of(candidates));
            Collections.reverse(reversed);
            // The choice must not depend on the order the book lists its candidates in.
            assertThat(matcher.decide(incoming, reversed)).isEqualTo(outcome);
            if (outcome instanceof MatchOutcome.Matched matched) {
                return matched.counterpart();
            }
            assertThat(outcome).isInstanceOf(MatchOutcome.Mismatched.class);
            return ((MatchOutcome.Mismatched) outcome).counterpart();
        }

        @Test
        void choosesTheClosestPriceOverAnEarlierArrival() {
            TradeSide farButEarly = manager("IM042-T1", "187.3000", 1).build();
            TradeSide closeButLate = manager("IM042-T2", "187.2600", 9).build();

            assertThat(chosen(farButEarly, closeButLate)).isEqualTo(closeButLate);
        }

        @Test
        void measuresPriceClosenessAsAbsoluteDifferenceInEitherDirection() {
            TradeSide below = manager("IM042-T1", "187.2300", 1).build();
            TradeSide above = manager("IM042-T2", "187.2600", 2).build();

            assertThat(chosen(below, above)).isEqualTo(above);
        }

        @Test
        void choosesTheEarliestArrivalAmongEquallyClosePrices() {
            TradeSide below = manager("IM042-T1", "187.2400", 5).build();
            TradeSide above = manager("IM042-T2", "187.2600", 3).build();
            TradeSide later = manager("IM042-T3", "187.2600", 4).build();

            assertThat(chosen(below, above, later)).isEqualTo(above);
        }

        @Test
        void choosesTheSmallerTradeIdWhenPriceAndArrivalTie() {
            TradeSide first = manager("IM042-T1", "187.2500", 3).build();
            TradeSide second = manager("IM042-T2", "187.25", 3).build();

            assertThat(chosen(second, first)).isEqualTo(first);
        }

        @Test
        void ignoresCandidatesThatDoNotPairHoweverCloseOrEarly() {
            TradeSide sameRole = aBrokerSide()
                    .withSenderId("BRK002")
                    .withTradeRef("BRK002-T1")
                    .withArrivalSequence(0)
                    .build();
            TradeSide otherSecurity = manager("IM042-T1", "187.2500", 0)
                    .withSecurity("US5949181045")
                    .build();
            TradeSide pairable = manager("IM042-T2", "190.0000", 7).build();

            assertThat(chosen(sameRole, otherSecurity, pairable)).isEqualTo(pairable);
        }

        @Test
        void decidesMatchOrMismatchAgainstTheChosenCandidateOnly() {
            TradeSide mismatchingButClosest =
                    manager("IM042-T1", "187.2500", 2).withCurrency("EUR").build();
            TradeSide matchingButFarther = manager("IM042-T2", "187.2600", 1).build();

            MatchOutcome outcome = decide(incoming, matchingButFarther, mismatchingButClosest);

            assertThat(outcome).isInstanceOf(MatchOutcome.Mismatched.class);
            assertThat(((MatchOutcome.Mismatched) outcome).counterpart()).isEqualTo(mismatchingButClosest);
        }
    }

    @Test
    void givesThePairTheSameMatchIdWhicheverSideArrivedFirst() {
        TradeSide broker = aBrokerSide().build();
        TradeSide manager = anInvestmentManagerSide().build();

        MatchOutcome.Matched brokerFirst = (MatchOutcome.Matched) decide(manager, broker);
        MatchOutcome.Matched managerFirst = (MatchOutcome.Matched) decide(broker, manager);

        assertThat(brokerFirst.matchId()).isEqualTo(managerFirst.matchId()).startsWith("M-");
    }

    @Test
    void delegatesCancelsToTheCancelRules() {
        assertThat(TradeMatcher.onCancel(BookStatus.MATCHED)).isEqualTo(CancelDecision.of(BookStatus.MATCHED));
    }

    @Test
    void pairsOnlyOppositeRolesWithEqualKeys() {
        TradeSide broker = aBrokerSide().build();

        assertThat(TradeMatcher.pairs(broker, anInvestmentManagerSide().build()))
                .isTrue();
        assertThat(TradeMatcher.pairs(
                        broker, aBrokerSide().withRole(SenderRole.BROKER).build()))
                .isFalse();
        assertThat(TradeMatcher.pairs(
                        broker, anInvestmentManagerSide().withQuantity(1).build()))
                .isFalse();
    }

    private static String matchIdOf(TradeSide a, TradeSide b) {
        return MatchIds.of(a.tradeId(), b.tradeId());
    }
}
