package io.tradewind.tradegenerator.domain;

import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.MessageType;
import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import io.tradewind.model.trade.TradeMessage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Makes trade pairs from a seed: MATCHED, MISMATCHED and UNMATCHED with equal probability, so the same settings always
 * give the same messages in the same order. Not thread-safe: one generator thread draws from it.
 *
 * <p>The terms of a pair: a security from the list at a price on the 4-dp grid within 2% of its reference price, a
 * quantity of 1 to 1,000 round lots of 100, 1 to 10 allocations to distinct accounts of the investment manager summing
 * to the quantity, netAmount = price × quantity at 2 dp HALF_UP, the configured trade date and a settlement date two
 * business days later. A MISMATCHED pair differs beyond tolerance in exactly one matching field (and nowhere else); an
 * UNMATCHED pair is, half the time, a lone side and otherwise two sides that differ in one pairing field. No two sides
 * of different pairs share a pairing key within a run, so pairs never cross-pair: every key drawn is remembered (a
 * few dozen bytes per pair) and drawn again when taken.
 */
public final class TradePairFactory {
    /** The most allocations a generated trade carries. */
    public static final int MAX_ALLOCATIONS = 10;

    static final long LOT = 100;
    static final int MAX_LOTS = 1_000;
    private static final BigDecimal TICK = new BigDecimal("0.0001");
    private static final int PRICE_SCALE = 4;
    private static final int AMOUNT_SCALE = 2;
    /** Prices are drawn within this many basis points of the reference price. */
    private static final int PRICE_BAND_BASIS_POINTS = 200;

    private static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "CHF", "JPY", "CAD");
    private static final int MAX_KEY_DRAWS = 10_000;
    private static final PairKind[] KINDS = PairKind.values();

    private final GenerationSettings settings;
    private final Counterparties counterparties;
    private final Tolerances tolerances;
    private final SplittableRandom random;
    private final Set<PairingKey> usedKeys = new HashSet<>();
    private long pairs;
    private long messages;

    public TradePairFactory(GenerationSettings settings) {
        if (settings == null) throw new IllegalArgumentException("settings is null");
        this.settings = settings;
        this.counterparties = settings.counterparties();
        this.tolerances = settings.tolerances();
        this.random = new SplittableRandom(settings.seed());
    }

    public GenerationSettings settings() {
        return settings;
    }

    /** How many pairs {@link #next()} has made. */
    public long pairsGenerated() {
        return pairs;
    }

    /** The next pair: its messages in posting order and the outcome they should reach. */
    public GeneratedPair next() {
        pairs++;
        PairKind kind = KINDS[random.nextInt(KINDS.length)];
        Terms terms = drawTerms();
        return switch (kind) {
            case MATCHED -> twoSided(kind, null, terms, terms);
            case MISMATCHED -> mismatched(terms);
            case UNMATCHED -> unmatched(terms);
        };
    }

    private GeneratedPair mismatched(Terms terms) {
        List<DifferingField> fields = DifferingField.matchingFields();
        DifferingField field = fields.get(random.nextInt(fields.size()));
        Terms deviating =
                switch (field) {
                    case SETTLEMENT_DATE ->
                        terms.withSettlementDate(
                                BusinessDays.add(terms.settlementDate(), random.nextBoolean() ? 1 : -1));
                    case CURRENCY -> terms.withCurrency(otherCurrency(terms.currency()));
                    case PRICE -> otherPrice(terms);
                    case NET_AMOUNT -> terms.withNetAmount(netAmountBeyondTolerance(terms.netAmount()));
                    case ALLOCATIONS -> terms.withAllocations(otherAllocations(terms));
                    default -> throw new IllegalStateException("not a matching field: " + field);
                };
        return deviatingSideFirstOrSecond(PairKind.MISMATCHED, field, terms, deviating);
    }

    private GeneratedPair unmatched(Terms terms) {
        if (random.nextBoolean()) {
            SenderRole role = random.nextBoolean() ? SenderRole.BROKER : SenderRole.INVESTMENT_MANAGER;
            return post(PairKind.UNMATCHED, null, List.of(new Posting(role, terms)));
        }
        List<DifferingField> fields = DifferingField.pairingFields();
        DifferingField field = fields.get(random.nextInt(fields.size()));
        Terms deviating = null;
        if (field == DifferingField.SIDE) {
            Terms flipped = terms.withSide(terms.side() == Side.BUY ? Side.SELL : Side.BUY);
            // The flipped key may belong to another pair; differing in quantity instead always finds a free key.
            if (usedKeys.add(flipped.pairingKey())) deviating = flipped;
            else field = DifferingField.QUANTITY;
        }
        if (deviating == null) {
            deviating = switch (field) {
                case QUANTITY -> otherQuantity(terms);
                case SECURITY -> otherSecurity(terms);
                case TRADE_DATE -> otherTradeDate(terms);
                default -> throw new IllegalStateException("not a pairing field: " + field);
            };
        }
        return deviatingSideFirstOrSecond(PairKind.UNMATCHED, field, terms, deviating);
    }

    /** Gives the deviating terms to the broker or the investment manager, at random. */
    private GeneratedPair deviatingSideFirstOrSecond(
            PairKind kind, DifferingField field, Terms terms, Terms deviating) {
        return random.nextBoolean() ? twoSided(kind, field, deviating, terms) : twoSided(kind, field, terms, deviating);
    }

    private GeneratedPair twoSided(PairKind kind, DifferingField field, Terms brokerTerms, Terms managerTerms) {
        Posting broker = new Posting(SenderRole.BROKER, brokerTerms);
        Posting manager = new Posting(SenderRole.INVESTMENT_MANAGER, managerTerms);
        return post(kind, field, random.nextBoolean() ? List.of(broker, manager) : List.of(manager, broker));
    }

    /** Numbers the sides in posting order and builds their messages and the pair's expected outcome. */
    private GeneratedPair post(PairKind kind, DifferingField field, List<Posting> sides) {
        String runId = settings.runId();
        List<TradeMessage> posted = new ArrayList<>(sides.size());
        PostedTrade broker = null;
        PostedTrade manager = null;
        for (Posting side : sides) {
            messages++;
            String sequence = String.format(Locale.ROOT, "%07d", messages);
            String senderId = side.role() == SenderRole.BROKER
                    ? side.terms().executingBroker()
                    : side.terms().investmentManager();
            String tradeRef = runId + "-" + sequence;
            String messageId = senderId + "-" + tradeRef;
            posted.add(side.terms().toMessage(messageId, senderId, side.role(), tradeRef));
            PostedTrade trade = new PostedTrade(
                    side.role(),
                    senderId,
                    tradeRef,
                    messageId,
                    side.terms().allocations().size());
            if (side.role() == SenderRole.BROKER) broker = trade;
            else manager = trade;
        }
        String pairId = runId + "-P" + String.format(Locale.ROOT, "%07d", pairs);
        ExpectedOutcome expected = new ExpectedOutcome(
                runId,
                pairId,
                kind,
                field,
                broker,
                manager,
                posted.stream().map(TradeMessage::messageId).toList());
        return new GeneratedPair(expected, posted);
    }

    // ---- the terms both sides agree on, drawn once per pair

    private Terms drawTerms() {
        List<String> brokers = counterparties.executingBrokers();
        List<String> managers = counterparties.investmentManagers();
        Securities securities = settings.securities();
        LocalDate tradeDate = settings.tradeDate();
        for (int draw = 0; draw < MAX_KEY_DRAWS; draw++) {
            String broker = brokers.get(random.nextInt(brokers.size()));
            String manager = managers.get(random.nextInt(managers.size()));
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            Security security = securities.get(random.nextInt(securities.size()));
            long quantity = LOT * (1 + random.nextInt(MAX_LOTS));
            PairingKey key = new PairingKey(broker, manager, side, security.isin(), tradeDate, quantity);
            if (!usedKeys.add(key)) continue;
            BigDecimal price = drawPrice(security.referencePrice());
            List<Allocation> allocations = drawAllocations(manager, quantity);
            return new Terms(
                    broker,
                    manager,
                    side,
                    security.isin(),
                    quantity,
                    price,
                    security.currency(),
                    tradeDate,
                    BusinessDays.add(tradeDate, 2),
                    netAmount(price, quantity),
                    allocations);
        }
        throw keySpaceExhausted();
    }

    private BigDecimal drawPrice(BigDecimal reference) {
        long bandTicks = reference
                .movePointRight(PRICE_SCALE)
                .multiply(BigDecimal.valueOf(PRICE_BAND_BASIS_POINTS))
                .movePointLeft(4)
                .longValue();
        long offset = bandTicks == 0 ? 0 : random.nextLong(-bandTicks, bandTicks + 1);
        BigDecimal price = reference.add(TICK.multiply(BigDecimal.valueOf(offset)));
        return price.signum() > 0 ? price.setScale(PRICE_SCALE, RoundingMode.HALF_UP) : reference;
    }

    private static BigDecimal netAmount(BigDecimal price, long quantity) {
        return price.multiply(BigDecimal.valueOf(quantity)).setScale(AMOUNT_SCALE, RoundingMode.HALF_UP);
    }

    /** 1 to 10 allocations (never more than the quantity) to distinct accounts of the manager, summing to quantity. */
    private List<Allocation> drawAllocations(String manager, long quantity) {
        int count = (int) Math.min(1 + random.nextInt(MAX_ALLOCATIONS), quantity);
        int[] accounts = distinctAccountNumbers(count);
        long[] quantities = split(quantity, count);
        List<Allocation> allocations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            allocations.add(new Allocation(
                    Integer.toString(i + 1), counterparties.account(manager, accounts[i]), quantities[i]));
        }
        return allocations;
    }

    /** {@code count} distinct account numbers in 1..accountsPerInvestmentManager (a partial Fisher-Yates shuffle). */
    private int[] distinctAccountNumbers(int count) {
        int[] numbers = new int[counterparties.accountsPerInvestmentManager()];
        for (int i = 0; i < numbers.length; i++) numbers[i] = i + 1;
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(numbers.length - i);
            int swap = numbers[i];
            numbers[i] = numbers[j];
            numbers[j] = swap;
        }
        int[] chosen = new int[count];
        System.arraycopy(numbers, 0, chosen, 0, count);
        return chosen;
    }

    /** {@code quantity} in {@code count} positive parts: in round lots when it has enough of them, else in shares. */
    private long[] split(long quantity, int count) {
        long unit = quantity % LOT == 0 && quantity / LOT >= count ? LOT : 1;
        long units = quantity / unit;
        TreeSet<Long> cuts = new TreeSet<>();
        while (cuts.size() < count - 1) cuts.add(random.nextLong(1, units));
        long[] parts = new long[count];
        long previous = 0;
        int i = 0;
        for (long cut : cuts) {
            parts[i++] = (cut - previous) * unit;
            previous = cut;
        }
        parts[i] = (units - previous) * unit;
        return parts;
    }

    // ---- mismatches: one matching field beyond tolerance, every other field as agreed

    private String otherCurrency(String currency) {
        List<String> others =
                CURRENCIES.stream().filter(c -> !c.equals(currency)).toList();
        return others.get(random.nextInt(others.size()));
    }

    /**
     * A price 1 to 10 ticks away (prices must agree exactly). The side's net amount follows its price when that stays
     * within the net-amount tolerance, as it does for all but the largest low-priced trades; otherwise it keeps the
     * agreed amount, so price is the only field that mismatches.
     */
    private Terms otherPrice(Terms terms) {
        BigDecimal step = TICK.multiply(BigDecimal.valueOf(1 + random.nextInt(10)));
        BigDecimal price = random.nextBoolean() || terms.price().compareTo(step) <= 0
                ? terms.price().add(step)
                : terms.price().subtract(step);
        BigDecimal following = netAmount(price, terms.quantity());
        BigDecimal netAmount =
                tolerances.netAmountMatches(terms.netAmount(), following) ? following : terms.netAmount();
        return terms.withPrice(price).withNetAmount(netAmount);
    }

    /** An amount off by the tolerance of its tier plus 0.01 to 20.00 (fees booked differently), never negative. */
    private BigDecimal netAmountBeyondTolerance(BigDecimal netAmount) {
        BigDecimal extra = BigDecimal.valueOf(1 + random.nextInt(2_000), AMOUNT_SCALE);
        boolean up = random.nextBoolean();
        for (BigDecimal tolerance :
                List.of(tolerances.netAmountToleranceUpToThreshold(), tolerances.netAmountToleranceAboveThreshold())) {
            BigDecimal difference = tolerance.add(extra);
            BigDecimal other = up || netAmount.compareTo(difference) <= 0
                    ? netAmount.add(difference)
                    : netAmount.subtract(difference);
            // Crossing the threshold moves the pair into the upper tier, which the second pass covers.
            if (!tolerances.netAmountMatches(netAmount, other)) return other;
        }
        throw new IllegalStateException("no net amount beyond tolerance of " + netAmount);
    }

    /**
     * The same quantity allocated differently: some of it moved between two accounts, or one account swapped for
     * another of the manager's. Either way the multiset of (account, quantity) changes and the sum does not.
     */
    private List<Allocation> otherAllocations(Terms terms) {
        List<Allocation> agreed = terms.allocations();
        if (agreed.size() >= 2 && random.nextBoolean()) {
            List<Allocation> moved = moveQuantity(agreed);
            if (moved != null) return moved;
        }
        return swapAccount(terms.investmentManager(), agreed);
    }

    private List<Allocation> moveQuantity(List<Allocation> agreed) {
        int from = random.nextInt(agreed.size());
        int to = (from + 1 + random.nextInt(agreed.size() - 1)) % agreed.size();
        long amount = agreed.get(from).quantity() > LOT && agreed.get(from).quantity() % LOT == 0 ? LOT : 1;
        if (agreed.get(from).quantity() <= amount) return null;
        List<Allocation> moved = new ArrayList<>(agreed);
        Allocation source = agreed.get(from);
        Allocation target = agreed.get(to);
        moved.set(from, new Allocation(source.allocationId(), source.account(), source.quantity() - amount));
        moved.set(to, new Allocation(target.allocationId(), target.account(), target.quantity() + amount));
        // Moving exactly the difference between two lines only swaps their quantities: the same multiset.
        return sameMultiset(agreed, moved) ? null : moved;
    }

    private List<Allocation> swapAccount(String manager, List<Allocation> agreed) {
        Set<String> used = new HashSet<>();
        agreed.forEach(a -> used.add(a.account()));
        List<String> unused = new ArrayList<>();
        for (int n = 1; n <= counterparties.accountsPerInvestmentManager(); n++) {
            String account = counterparties.account(manager, n);
            if (!used.contains(account)) unused.add(account);
        }
        int index = random.nextInt(agreed.size());
        Allocation line = agreed.get(index);
        List<Allocation> swapped = new ArrayList<>(agreed);
        swapped.set(
                index, new Allocation(line.allocationId(), unused.get(random.nextInt(unused.size())), line.quantity()));
        return swapped;
    }

    static boolean sameMultiset(List<Allocation> ours, List<Allocation> theirs) {
        Comparator<Allocation> order =
                Comparator.comparing(Allocation::account).thenComparingLong(Allocation::quantity);
        List<String> a = ours.stream()
                .sorted(order)
                .map(x -> x.account() + "=" + x.quantity())
                .toList();
        List<String> b = theirs.stream()
                .sorted(order)
                .map(x -> x.account() + "=" + x.quantity())
                .toList();
        return a.equals(b);
    }

    // ---- unmatched: the counterpart differs in one pairing field, and its key is unique too

    private Terms otherQuantity(Terms terms) {
        for (int draw = 0; draw < MAX_KEY_DRAWS; draw++) {
            long quantity = LOT * (1 + random.nextInt(MAX_LOTS));
            if (quantity == terms.quantity()) continue;
            Terms other = terms.withQuantity(quantity);
            if (!usedKeys.add(other.pairingKey())) continue;
            // The same accounts, the new quantity split among them afresh.
            List<Allocation> allocations = new ArrayList<>();
            long[] parts = split(quantity, terms.allocations().size());
            for (int i = 0; i < parts.length; i++) {
                Allocation line = terms.allocations().get(i);
                allocations.add(new Allocation(line.allocationId(), line.account(), parts[i]));
            }
            return other.withAllocations(allocations).withNetAmount(netAmount(terms.price(), quantity));
        }
        throw keySpaceExhausted();
    }

    /** Another ISIN at the same price and currency: the counterparty booked the wrong security. */
    private Terms otherSecurity(Terms terms) {
        Securities securities = settings.securities();
        for (int draw = 0; draw < MAX_KEY_DRAWS; draw++) {
            String isin = securities.get(random.nextInt(securities.size())).isin();
            if (isin.equals(terms.security())) continue;
            Terms other = terms.withSecurity(isin);
            if (usedKeys.add(other.pairingKey())) return other;
        }
        throw keySpaceExhausted();
    }

    /** An earlier business day (settling two business days after it), as if booked against the wrong day. */
    private Terms otherTradeDate(Terms terms) {
        for (int daysBack = 1; daysBack <= MAX_KEY_DRAWS; daysBack++) {
            LocalDate tradeDate = BusinessDays.add(terms.tradeDate(), -daysBack);
            Terms other = terms.withTradeDate(tradeDate).withSettlementDate(BusinessDays.add(tradeDate, 2));
            if (usedKeys.add(other.pairingKey())) return other;
        }
        throw keySpaceExhausted();
    }

    private IllegalStateException keySpaceExhausted() {
        return new IllegalStateException("no unused pairing key after " + MAX_KEY_DRAWS + " draws (" + usedKeys.size()
                + " used): add counterparties or securities, or start a new run");
    }

    /** The six fields that must be equal for two sides to pair. */
    private record PairingKey(
            String executingBroker,
            String investmentManager,
            Side side,
            String security,
            LocalDate tradeDate,
            long quantity) {}

    /** One side to post: which role sends which terms. */
    private record Posting(SenderRole role, Terms terms) {}

    /** What one side states about the trade, without the ids that differ per message. */
    private record Terms(
            String executingBroker,
            String investmentManager,
            Side side,
            String security,
            long quantity,
            BigDecimal price,
            String currency,
            LocalDate tradeDate,
            LocalDate settlementDate,
            BigDecimal netAmount,
            List<Allocation> allocations) {

        PairingKey pairingKey() {
            return new PairingKey(executingBroker, investmentManager, side, security, tradeDate, quantity);
        }

        TradeMessage toMessage(String messageId, String senderId, SenderRole role, String tradeRef) {
            return new TradeMessage(
                    messageId,
                    MessageType.NEW,
                    senderId,
                    role,
                    tradeRef,
                    executingBroker,
                    investmentManager,
                    side,
                    security,
                    quantity,
                    price,
                    currency,
                    tradeDate,
                    settlementDate,
                    netAmount,
                    allocations);
        }

        Terms withSide(Side side) {
            return new Terms(
                    executingBroker,
                    investmentManager,
                    side,
                    security,
                    quantity,
                    price,
                    currency,
                    tradeDate,
                    settlementDate,
                    netAmount,
                    allocations);
        }

        Terms withSecurity(String security) {
            return new Terms(
                    executingBroker,
                    investmentManager,
                    side,
                    security,
                    quantity,
                    price,
                    currency,
                    tradeDate,
                    settlementDate,
                    netAmount,
                    allocations);
        }

        Terms withQuantity(long quantity) {
            return new Terms(
                    executingBroker,
                    investmentManager,
                    side,
                    security,
                    quantity,
                    price,
                    currency,
                    tradeDate,
                    settlementDate,
                    netAmount,
                    allocations);
        }

        Terms withPrice(BigDecimal price) {
            return new Terms(
                    executingBroker,
                    investmentManager,
                    side,
                    security,
                    quantity,
                    price,
                    currency,
                    tradeDate,
                    settlementDate,
                    netAmount,
                    allocations);
        }

        Terms withCurrency(String currency) {
            return new Terms(
                    executingBroker,
                    investmentManager,
                    side,
                    security,
                    quantity,
                    price,
                    currency,
                    tradeDate,
                    settlementDate,
                    netAmount,
                    allocations);
        }

        Terms withTradeDate(LocalDate tradeDate) {
            return new Terms(
                    executingBroker,
                    investmentManager,
                    side,
                    security,
                    quantity,
                    price,
                    currency,
                    tradeDate,
                    settlementDate,
                    netAmount,
                    allocations);
        }

        Terms withSettlementDate(LocalDate settlementDate) {
            return new Terms(
                    executingBroker,
                    investmentManager,
                    side,
                    security,
                    quantity,
                    price,
                    currency,
                    tradeDate,
                    settlementDate,
                    netAmount,
                    allocations);
        }

        Terms withNetAmount(BigDecimal netAmount) {
            return new Terms(
                    executingBroker,
                    investmentManager,
                    side,
                    security,
                    quantity,
                    price,
                    currency,
                    tradeDate,
                    settlementDate,
                    netAmount,
                    allocations);
        }

        Terms withAllocations(List<Allocation> allocations) {
            return new Terms(
                    executingBroker,
                    investmentManager,
                    side,
                    security,
                    quantity,
                    price,
                    currency,
                    tradeDate,
                    settlementDate,
                    netAmount,
                    List.copyOf(allocations));
        }
    }
}
