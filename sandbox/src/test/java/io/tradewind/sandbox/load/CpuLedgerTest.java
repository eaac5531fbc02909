package io.tradewind.sandbox.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.sandbox.load.CpuLedger.Spender;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CpuLedgerTest {
    private static final Set<Integer> BROKER_PORTS = Set.of(47101, 47201);

    @Test
    void aBrokerSocketIsTheBrokersAndAClientSocketTheClients() {
        // The broker's end of a connection: local port is the broker's.
        assertThat(CpuLedger.ofThread("ActiveMQ Transport: tcp:///127.0.0.1:51234@47101", BROKER_PORTS))
                .isEqualTo(Spender.BROKER);
        // A client's end of the same connection: remote port is the broker's.
        assertThat(CpuLedger.ofThread("ActiveMQ Transport: tcp:///127.0.0.1:47101@51234", BROKER_PORTS))
                .isEqualTo(Spender.MQ_CLIENTS);
        assertThat(CpuLedger.ofThread("ActiveMQ Session Task-3", BROKER_PORTS)).isEqualTo(Spender.MQ_CLIENTS);
        assertThat(CpuLedger.ofThread("ActiveMQ BrokerService[tradewind-us-east-1] Task-2", BROKER_PORTS))
                .isEqualTo(Spender.BROKER);
        assertThat(CpuLedger.ofThread("ActiveMQ Journal Checkpoint Worker", BROKER_PORTS))
                .isEqualTo(Spender.BROKER);
    }

    @Test
    void emulatorsHarnessAndTradewindThreadsAreToldApartByName() {
        assertThat(CpuLedger.ofThread("arc-endpoint-40123-2", BROKER_PORTS)).isEqualTo(Spender.OTHER_EMULATORS);
        assertThat(CpuLedger.ofThread("dynalite-front-client", BROKER_PORTS)).isEqualTo(Spender.OTHER_EMULATORS);
        assertThat(CpuLedger.ofThread("main", BROKER_PORTS)).isEqualTo(Spender.HARNESS);
        assertThat(CpuLedger.ofThread("ShardRecordProcessor-0007", BROKER_PORTS))
                .isEqualTo(Spender.TRADEWIND);
        assertThat(CpuLedger.ofThread("trade-matching-inbound-gateway-1", BROKER_PORTS))
                .isEqualTo(Spender.TRADEWIND);
        assertThat(CpuLedger.ofThread("aws-java-sdk-NettyEventLoop-1-2", BROKER_PORTS))
                .isEqualTo(Spender.TRADEWIND);
    }

    @Test
    void processesAreToldApartByTheirProgram() {
        assertThat(CpuLedger.ofProcess(
                        "/usr/bin/node", List.of("/repo/local-aws/src/main/node/kinesalite-launcher.js")))
                .isEqualTo(Spender.KINESALITE);
        assertThat(CpuLedger.ofProcess("/usr/bin/node", List.of("/repo/local-aws/src/main/node/dynalite-launcher.js")))
                .isEqualTo(Spender.DYNAMODB);
        assertThat(CpuLedger.ofProcess("/tmp/embedded-pg/PG-abc/bin/postgres", List.of("-D", "data")))
                .isEqualTo(Spender.POSTGRESQL);
        assertThat(CpuLedger.ofProcess("/usr/bin/bash", List.of())).isNull();
    }

    @Test
    void onlyWhatACounterGainedSinceTheFirstSampleCounts() {
        CpuLedger.Tally tally = new CpuLedger.Tally();
        tally.observe("thread-1", Spender.TRADEWIND, "thread", 5_000);
        tally.observe("pid-10", Spender.POSTGRESQL, "pid", 70_000);
        tally.started();
        tally.observe("thread-1", Spender.TRADEWIND, "thread", 8_000);
        tally.observe("pid-10", Spender.POSTGRESQL, "pid", 71_000);
        // Started after the first sample: all its time is within the measurement.
        tally.observe("thread-2", Spender.TRADEWIND, "thread", 400);
        tally.observe("thread-2", Spender.TRADEWIND, "thread", 600);

        assertThat(tally.nanosBySpender())
                .containsExactlyInAnyOrderEntriesOf(Map.of(Spender.TRADEWIND, 3_600L, Spender.POSTGRESQL, 1_000L));
        assertThat(tally.nanosByLabel().entrySet())
                .as("by label, most first")
                .containsExactly(Map.entry("thread", 3_600L), Map.entry("pid", 1_000L));
    }

    @Test
    void aProcessIdReusedByANewProcessCountsTheNewProcessFromZero() {
        CpuLedger.Tally tally = new CpuLedger.Tally();
        tally.observe("pid-10", Spender.POSTGRESQL, "pid", 90_000);
        tally.started();
        tally.observe("pid-10", Spender.POSTGRESQL, "pid", 95_000);
        tally.observe("pid-10", Spender.POSTGRESQL, "pid", 2_000); // a new backend with the old one's pid

        assertThat(tally.nanosBySpender()).containsEntry(Spender.POSTGRESQL, 2_000L);
    }

    @Test
    void theLedgerOfThisJvmCountsWorkDoneMeanwhileAndDescribesItPerUnit() throws Exception {
        CpuLedger ledger = CpuLedger.start(BROKER_PORTS);
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch counted = new CountDownLatch(1);
        Thread busy = new Thread(
                () -> {
                    long until = System.nanoTime() + 200_000_000L;
                    double x = 0;
                    while (System.nanoTime() < until) x += Math.sqrt(x + 1);
                    if (x < 0) throw new AssertionError();
                    spun.countDown();
                    try {
                        counted.await(); // alive until the last sample: a thread that ended unsampled is not seen
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "ShardRecordProcessor-busy");
        busy.start();
        spun.await();
        ledger.close();
        counted.countDown();
        busy.join();

        assertThat(ledger.nanosBySpender().getOrDefault(Spender.TRADEWIND, 0L))
                .as("a thread busy for 200 ms")
                .isGreaterThan(100_000_000L);
        assertThat(ledger.describe(10, "trade"))
                .contains("CPU per trade over")
                .contains("tradewind")
                .contains("about");
        assertThat(ledger.describeTop(5, 10, "trade")).contains("thread ShardRecordProcessor-busy");
    }

    @Test
    void aThreadThatEndsWhileCountingIsNotCountedAgainAsTheJvmRuntime() throws Exception {
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        Thread earlier = new Thread(
                () -> {
                    spin(1_500_000_000L); // before the ledger starts: none of it may be counted
                    spun.countDown();
                    try {
                        end.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "ShardRecordProcessor-earlier");
        earlier.start();
        spun.await();
        CpuLedger ledger = CpuLedger.start(BROKER_PORTS);
        end.countDown();
        earlier.join();
        ledger.close(); // its last sample finds the thread gone

        assertThat(ledger.nanosBySpender().getOrDefault(Spender.JVM_RUNTIME, 0L))
                .as("the ended thread's 1.5 s before the start")
                .isLessThan(1_000_000_000L);
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        double x = 0;
        while (System.nanoTime() < until) x += Math.sqrt(x + 1);
        if (x < 0) throw new AssertionError();
    }
}
