package io.tradewind.tradegenerator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.model.trade.TradeStatus;
import io.tradewind.model.wire.WireCodec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TradePairFactoryTest {
    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 20);
    private static final GenerationSettings SETTINGS = GenerationSettings.defaults(
                    42, Clock.fixed(FRIDAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC))
            .withTradeDate(FRIDAY);

    /** 3,000 pairs of seed 42: about 1,000 of each kind, 200 of each mismatch and 125 of each unmatched variant. */
    private static final List<GeneratedPair> PAIRS = generate(SETTINGS, 3_000);

    private static List<GeneratedPair> generate(GenerationSettings settings, int count) {
        TradePairFactory factory = new TradePairFactory(settings);
        List<GeneratedPair> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) pairs.add(factory.next());
        return pairs;
    }

    private static List<GeneratedPair> ofKind(PairKind kind) {
        return PAIRS.stream().filter(p -> p.expected().kind() == kind).toList();
    }

    private static Stream<TradeMessage> allMessages() {
        return PAIRS.stream().flatMap(p -> p.messages().stream());
    }

    private static TradeMessage side(GeneratedPair pair, SenderRole role) {
        return pair.messages().stream()
                .filter(m -> m.senderRole() == role)
                .findFirst()
                .orElseThrow();
    }

    @Nested
    class Reproducibility {
        @Test
        void theSameSeedAndSettingsGiveIdenticalMessages() {
            List<GeneratedPair> again = generate(SETTINGS, 3_000);

            assertThat(again).isEqualTo(PAIRS);
            assertThat(bodies(again)).isEqualTo(bodies(PAIRS));
        }

        @Test
        void anotherSeedGivesOtherTrades() {
            List<GeneratedPair> other = generate(
                    new GenerationSettings(
                            43,
                            SETTINGS.runId(),
                            SETTINGS.counterparties(),
                            SETTINGS.securities(),
                            FRIDAY,
                            SETTINGS.tolerances()),
                    100);

            assertThat(bodies(other)).isNotEqualTo(bodies(PAIRS.subList(0, 100)));
        }

        @Test
        void theRunIdChangesTheIdsButNotTheTrades() {
            List<GeneratedPair> renamed = generate(SETTINGS.withRunId("R7"), 100);

            for (int i = 0; i < 100; i++) {
                GeneratedPair original = PAIRS.get(i);
                GeneratedPair other = renamed.get(i);
                assertThat(other.expected().pairId()).isEqualTo("R7-P%07d", i + 1);
                assertThat(other.expected().kind())
                        .isEqualTo(original.expected().kind());
                for (int m = 0; m < other.messages().size(); m++) {
                    assertThat(other.messages().get(m).messageId())
                            .isNotEqualTo(original.messages().get(m).messageId());
                    assertThat(withoutIds(other.messages().get(m)))
                            .isEqualTo(withoutIds(original.messages().get(m)));
                }
            }
        }

        private List<String> bodies(List<GeneratedPair> pairs) {
            return pairs.stream()
                    .flatMap(p -> p.messages().stream())
                    .map(WireCodec::encode)
                    .toList();
        }

        private TradeMessage withoutIds(TradeMessage m) {
            return new TradeMessage(
                    null,
                    m.messageType(),
                    m.senderId(),
                    m.senderRole(),
                    null,
                    m.executingBroker(),
                    m.investmentManager(),
                    m.side(),
                    m.security(),
                    m.quantity(),
                    m.price(),
                    m.currency(),
                    m.tradeDate(),
                    m.settlementDate(),
                    m.netAmount(),
                    m.allocations());
        }
    }

    @Nested
    class Kinds {
        @Test
        void drawsMatchedMismatchedAndUnmatchedWithEqualProbability() {
            Map<PairKind, Integer> counts = new EnumMap<>(PairKind.class);
            generate(SETTINGS, 30_000).forEach(p -> counts.merge(p.expected().kind(), 1, Integer::sum));

            double expected = 10_000;
            double chiSquare = counts.values().stream()
                    .mapToDouble(n -> (n - expected) * (n - expected) / expected)
                    .sum();
            // 13.82 is the 99.9th percentile of chi-square with 2 degrees of freedom.
            assertThat(counts).containsOnlyKeys(PairKind.values());
            assertThat(chiSquare).as("chi-square of %s", counts).isLessThan(13.82);
        }

        @Test
        void expectsMatchedPairsToSettleAndTheOthersToStayAsMatchingLeftThem() {
            assertThat(PAIRS).allSatisfy(pair -> {
                ExpectedOutcome expected = pair.expected();
                switch (expected.kind()) {
                    case MATCHED -> {
                        assertThat(expected.expectedMatchingStatus()).isEqualTo(TradeStatus.MATCHED);
                        assertThat(expected.expectedTerminalStatus()).isEqualTo(TradeStatus.SETTLED);
                    }
                    case MISMATCHED -> {
                        assertThat(expected.expectedMatchingStatus()).isEqualTo(TradeStatus.MISMATCHED);
                        assertThat(expected.expectedTerminalStatus()).isEqualTo(TradeStatus.MISMATCHED);
                    }
                    case UNMATCHED -> {
                        assertThat(expected.expectedMatchingStatus()).isEqualTo(TradeStatus.UNMATCHED);
                        assertThat(expected.expectedTerminalStatus()).isEqualTo(TradeStatus.UNMATCHED);
                    }
                }
            });
        }
    }

    @Nested
    class Terms {
        @Test
        void everyMessageHonoursTheWireContract() {
            TradeMessageDecoder decoder = new TradeMessageDecoder();

            assertThat(allMessages()).allSatisfy(message -> assertThat(decoder.decode(WireCodec.encode(message)))
                    .isEqualTo(new DecodeResult.Valid<>(message)));
        }

        @Test
        void allocatesOneToTenDistinctAccountsOfTheManagerSummingToTheQuantity() {
            Set<Integer> counts = new HashSet<>();
            assertThat(allMessages()).allSatisfy(message -> {
                List<Allocation> allocations = message.allocations();
                counts.add(allocations.size());
                assertThat(allocations).hasSizeBetween(1, 10);
                assertThat(allocations.stream().mapToLong(Allocation::quantity).sum())
                        .isEqualTo(message.quantity());
                assertThat(allocations).allSatisfy(a -> assertThat(a.quantity()).isPositive());
                assertThat(allocations)
                        .extracting(Allocation::account)
                        .doesNotHaveDuplicates()
                        .allSatisfy(
                                account -> assertThat(account).matches(message.investmentManager() + "-ACC-\\d\\d"));
                assertThat(allocations).extracting(Allocation::allocationId).doesNotHaveDuplicates();
            });
            assertThat(counts).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        }

        @Test
        void tradesRoundLotsAtPricesOnTheFourDecimalGridNearTheReferencePrice() {
            Map<String, BigDecimal> references = new HashMap<>();
            Securities.defaults().list().forEach(s -> references.put(s.isin(), s.referencePrice()));

            assertThat(ofKind(PairKind.MATCHED).stream().flatMap(p -> p.messages().stream()))
                    .allSatisfy(message -> {
                        assertThat(message.quantity() % 100).isZero();
                        assertThat(message.quantity()).isBetween(100L, 100_000L);
                        assertThat(message.price().scale()).isEqualTo(4);
                        BigDecimal reference = references.get(message.security());
                        assertThat(message.price().subtract(reference).abs())
                                .isLessThanOrEqualTo(reference.multiply(new BigDecimal("0.02")));
                    });
        }

        @Test
        void statesTheNetAmountAsPriceTimesQuantityRoundedHalfUpToCents() {
            assertThat(ofKind(PairKind.MATCHED).stream().flatMap(p -> p.messages().stream()))
                    .allSatisfy(message -> assertThat(message.netAmount())
                            .isEqualTo(message.price()
                                    .multiply(BigDecimal.valueOf(message.quantity()))
                                    .setScale(2, RoundingMode.HALF_UP)));
        }

        @Test
        void tradesOnTheConfiguredDateAndSettlesTwoBusinessDaysLater() {
            assertThat(ofKind(PairKind.MATCHED).stream().flatMap(p -> p.messages().stream()))
                    .allSatisfy(message -> {
                        assertThat(message.tradeDate()).isEqualTo(FRIDAY);
                        assertThat(message.settlementDate()).isEqualTo(LocalDate.of(2026, 11, 24));
                    });
        }

        @Test
        void tradesTodayByTheClockWhenNoDateIsGiven() {
            LocalDate monday = LocalDate.of(2026, 11, 23);
            Clock clock = Clock.fixed(monday.atTime(9, 30).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);

            GeneratedPair pair = new TradePairFactory(GenerationSettings.defaults(1, clock)).next();

            assertThat(pair.messages().get(0).tradeDate()).isEqualTo(monday);
        }

        @Test
        void sendsEachSideUnderItsOwnSenderIdAndUniqueIds() {
            Set<String> messageIds = new HashSet<>();
            Set<String> tradeIds = new HashSet<>();
            assertThat(allMessages()).allSatisfy(message -> {
                String sender = message.senderRole() == SenderRole.BROKER
                        ? message.executingBroker()
                        : message.investmentManager();
                assertThat(message.senderId()).isEqualTo(sender);
                assertThat(message.tradeRef()).matches("G42-\\d{7}");
                assertThat(message.messageId()).isEqualTo(sender + "-" + message.tradeRef());
                assertThat(messageIds.add(message.messageId())).isTrue();
                assertThat(tradeIds.add(message.senderId() + "|" + message.tradeRef()))
                        .isTrue();
            });
        }

        @Test
        void postsTheBrokerSideFirstAboutHalfTheTime() {
            List<GeneratedPair> twoSided =
                    PAIRS.stream().filter(p -> p.messages().size() == 2).toList();
            long brokerFirst = twoSided.stream()
                    .filter(p -> p.messages().get(0).senderRole() == SenderRole.BROKER)
                    .count();

            assertThat((double) brokerFirst / twoSided.size()).isBetween(0.45, 0.55);
        }
    }

    @Nested
    class NoCrossPairing {
        @Test
        void keepsEveryPairingKeyToOnePairAcrossTenThousandPairs() {
            Map<List<Object>, String> owner = new HashMap<>();
            int keys = 0;
            for (GeneratedPair pair : generate(SETTINGS, 10_000)) {
                for (TradeMessage message : pair.messages()) {
                    String previous = owner.putIfAbsent(
                            pairingKey(message), pair.expected().pairId());
                    if (previous == null) keys++;
                    assertThat(Objects.requireNonNullElse(
                                    previous, pair.expected().pairId()))
                            .as("owner of %s", pairingKey(message))
                            .isEqualTo(pair.expected().pairId());
                }
            }
            assertThat(keys).isGreaterThan(10_000); // two-sided unmatched pairs hold two keys
        }

        @Test
        void givesBothSidesOfAPairThatShouldPairTheSameKeyAndOppositeRoles() {
            assertThat(Stream.concat(ofKind(PairKind.MATCHED).stream(), ofKind(PairKind.MISMATCHED).stream()))
                    .allSatisfy(pair -> {
                        TradeMessage broker = side(pair, SenderRole.BROKER);
                        TradeMessage manager = side(pair, SenderRole.INVESTMENT_MANAGER);
                        assertThat(pairingKey(broker)).isEqualTo(pairingKey(manager));
                    });
        }
    }

    @Nested
    class Matched {
        @Test
        void agreesOnEveryMatchingField() {
            assertThat(ofKind(PairKind.MATCHED)).allSatisfy(pair -> {
                assertThat(pair.expected().differingField()).isNull();
                assertThat(Differences.inMatchingFields(
                                side(pair, SenderRole.BROKER), side(pair, SenderRole.INVESTMENT_MANAGER)))
                        .isEmpty();
            });
        }
    }

    @Nested
    class Mismatched {
        static Stream<DifferingField> matchingFields() {
            return DifferingField.matchingFields().stream();
        }

        @ParameterizedTest
        @MethodSource("matchingFields")
        void differsBeyondToleranceInExactlyTheRecordedFieldAndInNoPairingField(DifferingField field) {
            List<GeneratedPair> variant = ofKind(PairKind.MISMATCHED).stream()
                    .filter(p -> p.expected().differingField() == field)
                    .toList();

            assertThat(variant).hasSizeGreaterThan(100);
            assertThat(variant).allSatisfy(pair -> {
                TradeMessage broker = side(pair, SenderRole.BROKER);
                TradeMessage manager = side(pair, SenderRole.INVESTMENT_MANAGER);
                assertThat(pairingKey(broker)).isEqualTo(pairingKey(manager));
                assertThat(Differences.inMatchingFields(broker, manager)).containsExactly(field);
            });
        }

        @Test
        void givesTheDifferenceToEitherSide() {
            List<GeneratedPair> currencyMismatches = ofKind(PairKind.MISMATCHED).stream()
                    .filter(p -> p.expected().differingField() == DifferingField.CURRENCY)
                    .toList();
            long brokerDeviates = currencyMismatches.stream()
                    .filter(p -> !side(p, SenderRole.BROKER).currency().equals(referenceCurrency(p)))
                    .count();

            assertThat(brokerDeviates).isPositive().isLessThan(currencyMismatches.size());
        }

        private String referenceCurrency(GeneratedPair pair) {
            String isin = side(pair, SenderRole.BROKER).security();
            return Securities.defaults().list().stream()
                    .filter(s -> s.isin().equals(isin))
                    .findFirst()
                    .orElseThrow()
                    .currency();
        }
    }

    @Nested
    class Unmatched {
        @Test
        void isALoneSideOfEitherRoleAboutHalfTheTime() {
            List<GeneratedPair> unmatched = ofKind(PairKind.UNMATCHED);
            List<GeneratedPair> lone =
                    unmatched.stream().filter(p -> p.messages().size() == 1).toList();

            assertThat((double) lone.size() / unmatched.size()).isBetween(0.4, 0.6);
            assertThat(lone).allSatisfy(pair -> {
                assertThat(pair.expected().isLoneSide()).isTrue();
                assertThat(pair.expected().differingField()).isNull();
            });
            assertThat(lone)
                    .extracting(p -> p.messages().get(0).senderRole())
                    .contains(SenderRole.BROKER, SenderRole.INVESTMENT_MANAGER);
            assertThat(lone).allSatisfy(pair -> {
                PostedTrade posted = pair.expected().postedTrades().get(0);
                assertThat(
                                pair.expected().broker() == null
                                        ? pair.expected().investmentManager()
                                        : pair.expected().broker())
                        .isEqualTo(posted);
            });
        }

        static Stream<DifferingField> pairingFields() {
            return DifferingField.pairingFields().stream();
        }

        @ParameterizedTest
        @MethodSource("pairingFields")
        void otherwiseHasACounterpartDifferingInExactlyTheRecordedPairingField(DifferingField field) {
            List<GeneratedPair> variant = ofKind(PairKind.UNMATCHED).stream()
                    .filter(p -> p.expected().differingField() == field)
                    .toList();

            assertThat(variant).hasSizeGreaterThan(50);
            assertThat(variant).allSatisfy(pair -> {
                TradeMessage broker = side(pair, SenderRole.BROKER);
                TradeMessage manager = side(pair, SenderRole.INVESTMENT_MANAGER);
                assertThat(Differences.inPairingFields(broker, manager)).containsExactly(field);
            });
        }
    }

    private static List<Object> pairingKey(TradeMessage m) {
        return List.of(m.executingBroker(), m.investmentManager(), m.side(), m.security(), m.tradeDate(), m.quantity());
    }

    /** The rules of DESIGN.md's trade matching, restated independently of the generator's own tolerance code. */
    static final class Differences {
        private static final BigDecimal THRESHOLD = new BigDecimal("100000");

        static Set<DifferingField> inMatchingFields(TradeMessage a, TradeMessage b) {
            Set<DifferingField> fields = EnumSet.noneOf(DifferingField.class);
            if (!a.settlementDate().equals(b.settlementDate())) fields.add(DifferingField.SETTLEMENT_DATE);
            if (!a.currency().equals(b.currency())) fields.add(DifferingField.CURRENCY);
            if (a.price().compareTo(b.price()) != 0) fields.add(DifferingField.PRICE);
            BigDecimal larger = a.netAmount().max(b.netAmount());
            BigDecimal tolerance = larger.compareTo(THRESHOLD) <= 0 ? new BigDecimal("2.00") : new BigDecimal("25.00");
            if (a.netAmount().subtract(b.netAmount()).abs().compareTo(tolerance) > 0) {
                fields.add(DifferingField.NET_AMOUNT);
            }
            if (!multiset(a).equals(multiset(b))) fields.add(DifferingField.ALLOCATIONS);
            return fields;
        }

        static Set<DifferingField> inPairingFields(TradeMessage a, TradeMessage b) {
            assertThat(a.senderRole()).isNotEqualTo(b.senderRole());
            assertThat(a.executingBroker()).isEqualTo(b.executingBroker());
            assertThat(a.investmentManager()).isEqualTo(b.investmentManager());
            Set<DifferingField> fields = EnumSet.noneOf(DifferingField.class);
            if (a.side() != b.side()) fields.add(DifferingField.SIDE);
            if (!a.security().equals(b.security())) fields.add(DifferingField.SECURITY);
            if (!a.tradeDate().equals(b.tradeDate())) fields.add(DifferingField.TRADE_DATE);
            if (a.quantity() != b.quantity()) fields.add(DifferingField.QUANTITY);
            return fields;
        }

        private static Map<String, Integer> multiset(TradeMessage m) {
            Map<String, Integer> lines = new HashMap<>();
            m.allocations().forEach(a -> lines.merge(a.account() + "=" + a.quantity(), 1, Integer::sum));
            return lines;
        }
    }
}
