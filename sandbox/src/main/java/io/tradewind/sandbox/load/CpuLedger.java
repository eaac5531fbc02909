package io.tradewind.sandbox.load;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Where the machine's CPU went during a measurement, by who spent it. The sandbox runs Tradewind and every emulator on
 * the same cores, so throughput alone cannot say whether Tradewind or its stand-ins for AWS are the limit; CPU time per
 * trade can, and it is steadier from run to run than throughput on a shared machine.
 *
 * <p>Threads of this JVM are told apart by name (ActiveMQ's broker threads, the harness's own); the DynamoDB and Kinesis
 * emulators (dynalite and kinesalite, on Node) and PostgreSQL are separate processes, found by command line. Everything is sampled once a
 * {@code interval}, so a thread or process that ends between samples loses at most one interval of its time. On Linux
 * the machine's total from {@code /proc/stat} also gives what no sampled thread or process accounts for (the kernel's
 * own threads, other processes).
 */
final class CpuLedger implements AutoCloseable {

    /** Who spent CPU. */
    enum Spender {
        TRADEWIND("tradewind: stages, gateways, KCL, SDK clients"),
        MQ_CLIENTS("JMS client threads: gateways' and harness's"),
        JVM_RUNTIME("JVM runtime: GC, JIT"),
        BROKER("ActiveMQ broker (KahaDB)"),
        DYNAMODB("DynamoDB (dynalite, node)"),
        KINESALITE("Kinesalite (node)"),
        POSTGRESQL("PostgreSQL"),
        OTHER_EMULATORS("ARC endpoint, replicators"),
        HARNESS("the harness: posting trades"),
        UNACCOUNTED("kernel threads, other processes");

        final String description;

        Spender(String description) {
            this.description = description;
        }

        /** The spenders that would run on Tradewind's own machines in production. */
        static final Set<Spender> TRADEWIND_OWN = Set.of(TRADEWIND, MQ_CLIENTS, JVM_RUNTIME);
    }

    /** Which spender a thread of this JVM works for, by its name; {@code brokerPorts} tell broker from client sockets. */
    static Spender ofThread(String name, Set<Integer> brokerPorts) {
        if (name.startsWith("ActiveMQ Transport: tcp:") || name.startsWith("ActiveMQ Transport: ssl:")) {
            // "tcp:///127.0.0.1:<remote>@<local>": a socket is the broker's when its local port is a broker's port.
            String local = name.substring(name.lastIndexOf('@') + 1);
            return local.matches("\\d+") && brokerPorts.contains(Integer.parseInt(local))
                    ? Spender.BROKER
                    : Spender.MQ_CLIENTS;
        }
        if (name.startsWith("ActiveMQ Session Task") || name.startsWith("ActiveMQ Connection Executor"))
            return Spender.MQ_CLIENTS;
        if (name.startsWith("ActiveMQ")) return Spender.BROKER;
        if (name.startsWith("arc-endpoint")
                || name.startsWith("HTTP-Dispatcher")
                || name.startsWith("global-table-replicator")
                || name.startsWith("dynalite-front-client")
                || (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager"))
                || name.startsWith("postgres-replicator")) return Spender.OTHER_EMULATORS;
        if (name.equals("main")) return Spender.HARNESS;
        return Spender.TRADEWIND;
    }

    /**
     * Which spender a process works for, by its command and arguments; null for processes the ledger does not
     * attribute.
     */
    static Spender ofProcess(String command, List<String> arguments) {
        String program = command.substring(command.lastIndexOf('/') + 1);
        if (program.equals("node"))
            return arguments.stream().anyMatch(argument -> argument.endsWith("dynalite-launcher.js"))
                    ? Spender.DYNAMODB
                    : Spender.KINESALITE;
        if (program.equals("postgres")) return Spender.POSTGRESQL;
        return null;
    }

    /**
     * Cumulative CPU counters, each sampled over time: what a counter gained since the ledger's first sample, or since
     * it appeared, counts for its spender.
     */
    static final class Tally {
        private final Map<Object, long[]> counters = new HashMap<>(); // key -> {spender ordinal, baseline, latest}
        private final Map<Object, String> labels = new HashMap<>();
        private boolean started;

        /** Records counter {@code key}'s cumulative value now; {@code label} groups it with its likes in the detail. */
        void observe(Object key, Spender spender, String label, long cumulativeNanos) {
            labels.putIfAbsent(key, label);
            long[] counter = counters.get(key);
            if (counter == null) {
                // Seen at the first sample: only what it spends from now on counts. Seen later: it began since.
                counters.put(key, new long[] {spender.ordinal(), started ? 0 : cumulativeNanos, cumulativeNanos});
            } else if (cumulativeNanos < counter[2]) {
                // A process id reused by a new process: its counter starts again from zero.
                counters.put(key, new long[] {spender.ordinal(), 0, cumulativeNanos});
            } else {
                counter[2] = cumulativeNanos;
            }
        }

        /** Marks the end of the first sample. */
        void started() {
            started = true;
        }

        Map<Spender, Long> nanosBySpender() {
            Map<Spender, Long> spent = new EnumMap<>(Spender.class);
            for (long[] counter : counters.values())
                spent.merge(Spender.values()[(int) counter[0]], counter[2] - counter[1], Long::sum);
            return spent;
        }

        /** What each label's counters used, most first. */
        Map<String, Long> nanosByLabel() {
            Map<String, Long> spent = new HashMap<>();
            counters.forEach((key, counter) -> spent.merge(labels.get(key), counter[2] - counter[1], Long::sum));
            Map<String, Long> ordered = new LinkedHashMap<>();
            spent.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
            return ordered;
        }
    }

    private static final Path PROC_STAT = Path.of("/proc/stat");
    /** Numbers in thread names (pool and thread indexes, ports) vary between otherwise alike threads. */
    private static final Pattern THREAD_NUMBERS = Pattern.compile("\\d+");

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on every Linux this runs on

    private final Set<Integer> brokerPorts;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final Map<Long, String> threadNames = new HashMap<>();
    /** Every Java thread's CPU time when last sampled, ended threads included (thread ids are never reused). */
    private final Map<Long, Long> lastThreadCpu = new HashMap<>();

    private long runtimeCpu;
    private final Tally tally = new Tally();
    private final ScheduledExecutorService sampler;
    private final long startNanos;
    private final long machineStartNanos;
    private long machineEndNanos = -1;
    private long endNanos = -1;

    private CpuLedger(Set<Integer> brokerPorts, Duration interval) {
        this.brokerPorts = brokerPorts;
        sample();
        tally.started();
        startNanos = System.nanoTime();
        machineStartNanos = machineBusyNanos();
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cpu-ledger");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(this::sample, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts counting now; {@code brokerPorts} are the ports the emulated brokers listen on. */
    static CpuLedger start(Set<Integer> brokerPorts) {
        return new CpuLedger(brokerPorts, Duration.ofSeconds(1));
    }

    private synchronized void sample() {
        long[] ids = threads.getAllThreadIds();
        for (long id : ids) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu < 0) continue; // ended since it was listed
            String name = threadNames.computeIfAbsent(id, this::nameOf);
            if (name == null) continue;
            tally.observe(
                    "thread-" + id,
                    ofThread(name, brokerPorts),
                    "thread " + THREAD_NUMBERS.matcher(name).replaceAll("#"),
                    cpu);
            lastThreadCpu.put(id, cpu);
        }
        // GC and JIT threads are not Java threads: they are what the process spent beyond its Java threads. A Java
        // thread that ended (an idle pool thread retired) keeps the time last sampled, which stays its own; only what
        // it
        // spent after that sample lands here. Subtracting live threads alone would count an ended thread twice.
        long javaThreadsTotal = 0;
        for (long cpu : lastThreadCpu.values()) javaThreadsTotal += cpu;
        // Threads keep running while they are read, so the difference can dip by a little; it never really falls.
        runtimeCpu = Math.max(runtimeCpu, os.getProcessCpuTime() - javaThreadsTotal);
        tally.observe("jvm-runtime", Spender.JVM_RUNTIME, "JVM runtime", runtimeCpu);
        ProcessHandle.allProcesses().forEach(process -> {
            if (process.pid() == ProcessHandle.current().pid()) return;
            ProcessHandle.Info info = process.info();
            Spender spender = info.command()
                    .map(command ->
                            ofProcess(command, info.arguments().map(List::of).orElse(List.of())))
                    .orElse(null);
            if (spender != null)
                info.totalCpuDuration()
                        .ifPresent(cpu -> tally.observe(
                                "pid-" + process.pid(),
                                spender,
                                "process " + info.command().orElseThrow(),
                                cpu.toNanos()));
        });
    }

    private String nameOf(long threadId) {
        ThreadInfo info = threads.getThreadInfo(threadId);
        return info == null ? null : info.getThreadName();
    }

    /** Busy CPU time of the whole machine so far, or -1 where {@code /proc/stat} is not there. */
    private static long machineBusyNanos() {
        try {
            String[] cpu = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) if (i != 4 && i != 5) busy += Long.parseLong(cpu[i]);
            return busy * NANOS_PER_TICK; // user nice system [idle iowait] irq softirq steal
        } catch (Exception e) {
            return -1;
        }
    }

    /** Takes the last sample and stops sampling. */
    @Override
    public synchronized void close() {
        if (endNanos >= 0) return;
        sampler.shutdownNow();
        sample();
        endNanos = System.nanoTime();
        machineEndNanos = machineBusyNanos();
    }

    /** What each spender used, including, on Linux, what the machine spent that no sample accounts for. */
    synchronized Map<Spender, Long> nanosBySpender() {
        Map<Spender, Long> spent = tally.nanosBySpender();
        if (machineStartNanos >= 0 && machineEndNanos >= 0) {
            long sampled = spent.values().stream().mapToLong(Long::longValue).sum();
            spent.put(Spender.UNACCOUNTED, Math.max(0, machineEndNanos - machineStartNanos - sampled));
        }
        return spent;
    }

    /**
     * The ledger as benchmark notes quote it: CPU milliseconds per unit of work by spender, how busy the machine was,
     * and what Tradewind's own share would carry on the machine's cores alone.
     */
    String describe(long units, String unit) {
        close();
        Map<Spender, Long> spent = nanosBySpender();
        long total = spent.values().stream().mapToLong(Long::longValue).sum();
        double seconds = (endNanos - startNanos) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "CPU per %s over %.1f s: %.2f ms (%d cores, %.0f%% busy)%n",
                unit,
                seconds,
                perUnitMillis(total, units),
                cores,
                100.0 * total / 1e9 / seconds / cores));
        for (Spender spender : Spender.values()) {
            long nanos = spent.getOrDefault(spender, 0L);
            out.append(String.format(
                    Locale.ROOT,
                    "  %-18s %7.2f ms %4.0f%%  %s%n",
                    spender.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    perUnitMillis(nanos, units),
                    total == 0 ? 0.0 : 100.0 * nanos / total,
                    spender.description));
        }
        long own = Spender.TRADEWIND_OWN.stream()
                .mapToLong(spender -> spent.getOrDefault(spender, 0L))
                .sum();
        double ownMillis = perUnitMillis(own, units);
        out.append(String.format(
                Locale.ROOT,
                "Tradewind's own share (%s) is %.2f ms per %s: %d cores of its own would carry about %.0f %ss/s,"
                        + " if it scaled linearly%n",
                "tradewind + jms clients + jvm runtime",
                ownMillis,
                unit,
                cores,
                ownMillis == 0 ? 0.0 : cores * 1000.0 / ownMillis,
                unit));
        return out.toString();
    }

    /** The {@code limit} thread groups and processes that used the most, per unit of work: where to look next. */
    synchronized String describeTop(int limit, long units, String unit) {
        close();
        StringBuilder out =
                new StringBuilder(String.format(Locale.ROOT, "heaviest threads and processes, CPU per %s:%n", unit));
        tally.nanosByLabel().entrySet().stream()
                .limit(limit)
                .forEach(entry -> out.append(String.format(
                        Locale.ROOT, "  %7.2f ms  %s%n", perUnitMillis(entry.getValue(), units), entry.getKey())));
        return out.toString();
    }

    private static double perUnitMillis(long nanos, long units) {
        return units == 0 ? 0.0 : nanos / 1e6 / units;
    }
}
