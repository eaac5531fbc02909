package io.tradewind.tradematching.domain;

import io.tradewind.model.trade.SenderRole;
import io.tradewind.model.trade.Side;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decisions per second of {@link TradeMatcher#decide} on one thread: an incoming side against the one to four sides
 * the book holds under its pairing key, a third of them matching, a third mismatching and a third unmatched. Not part
 * of the default build; run it from the repository root (the profile runs JMH at the end of trade-matching's test
 * phase) with:
 *
 * <pre>
 * ./mvnw -B -q -pl trade-matching -am -Pbenchmarks test -DskipTests
 * ./mvnw -B -q -pl trade-matching -am -Pbenchmarks test -DskipTests -Djmh.args="-wi 2 -i 3 -f 1 -w 2s -r 3s"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class TradeMatcherBenchmark {
    private static final int SCENARIOS = 1024; // a power of two, so the cursor wraps with a mask
    private static final LocalDate TRADE_DATE = LocalDate.parse("2026-11-20");
    private static final LocalDate SETTLEMENT_DATE = LocalDate.parse("2026-11-23");

    private final TradeMatcher matcher = new TradeMatcher(MatchingTolerances.defaults());
    private final TradeSide[] incoming = new TradeSide[SCENARIOS];

    @SuppressWarnings("unchecked")
    private final List<TradeSide>[] candidates = new List[SCENARIOS];

    private int cursor;

    @Setup
    public void buildScenarios() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < SCENARIOS; i++) {
            PairingKey key = new PairingKey(
                    "BRK" + (i % 17), "IM" + (i % 29), i % 2 == 0 ? Side.BUY : Side.SELL, isin(i), TRADE_DATE, 1000);
            BigDecimal price = new BigDecimal(random.nextInt(1_000_000, 5_000_000)).movePointLeft(4);
            BigDecimal net = price.multiply(BigDecimal.valueOf(1000)).setScale(2);
            List<AllocationSplit> allocations =
                    List.of(new AllocationSplit("ACC-" + i + "-1", 600), new AllocationSplit("ACC-" + i + "-2", 400));
            incoming[i] = side(
                    "IM" + (i % 29),
                    SenderRole.INVESTMENT_MANAGER,
                    "T" + i,
                    key,
                    price,
                    net,
                    allocations,
                    SCENARIOS + i);

            int kind = i % 3; // 0 matched, 1 mismatched, 2 unmatched
            int count = 1 + random.nextInt(4);
            List<TradeSide> held = new ArrayList<>(count);
            for (int c = 0; c < count; c++) {
                boolean theCounterpart = c == count - 1;
                if (kind == 2 || !theCounterpart) {
                    // Shares the shard but does not pair: a side of the same role, or one of another quantity.
                    PairingKey other = c % 2 == 0
                            ? key
                            : new PairingKey(
                                    key.executingBroker(),
                                    key.investmentManager(),
                                    key.side(),
                                    key.security(),
                                    TRADE_DATE,
                                    2000);
                    SenderRole role = other == key ? SenderRole.INVESTMENT_MANAGER : SenderRole.BROKER;
                    held.add(side("S" + c, role, "T" + i + "-" + c, other, price, net, allocations, c));
                } else {
                    BigDecimal theirNet = kind == 0 ? net.add(new BigDecimal("1.50")) : net.add(new BigDecimal("40"));
                    held.add(side(
                            "BRK" + (i % 17),
                            SenderRole.BROKER,
                            "B" + i,
                            key,
                            price,
                            theirNet,
                            List.of(allocations.get(1), allocations.get(0)),
                            c));
                }
            }
            // Now and then a second pairable candidate with a farther price, so the closest-price choice runs too.
            if (kind != 2 && i % 4 == 0) {
                held.add(side(
                        "BRK" + (i % 17),
                        SenderRole.BROKER,
                        "B" + i + "-far",
                        key,
                        price.add(BigDecimal.ONE),
                        net,
                        allocations,
                        0));
            }
            candidates[i] = List.copyOf(held);
        }
    }

    @Benchmark
    public MatchOutcome decide() {
        int i = cursor++ & (SCENARIOS - 1);
        return matcher.decide(incoming[i], candidates[i]);
    }

    private static TradeSide side(
            String senderId,
            SenderRole role,
            String tradeRef,
            PairingKey key,
            BigDecimal price,
            BigDecimal net,
            List<AllocationSplit> allocations,
            long arrival) {
        return new TradeSide(
                TradeSide.tradeIdOf(senderId, tradeRef),
                senderId,
                role,
                tradeRef,
                key,
                price,
                "USD",
                SETTLEMENT_DATE,
                net,
                allocations,
                arrival);
    }

    private static String isin(int i) {
        return String.format("US%09d%d", 37833100 + i % 211, i % 10);
    }
}
