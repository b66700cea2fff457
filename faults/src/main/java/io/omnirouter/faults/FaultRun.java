package io.omnirouter.faults;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import io.omnirouter.local.LocalStack;
import io.omnirouter.local.Machine;
import io.omnirouter.local.OptionalPart;
import io.omnirouter.local.PersonalDataSecrets;
import io.omnirouter.local.StackLayout;
import io.omnirouter.local.StackPorts;
import io.omnirouter.local.StackSettings;
import io.omnirouter.local.StackShape;
import io.omnirouter.simulator.TrafficSimulator;

/**
 * One run of the harness, as the issue that asked for it describes: the workload through a fault-free reference
 * stack (one broker, one instance of each service), then through a production-shaped stack (three brokers with
 * replication factor 3 and min ISR 2, two instances of each service) while the fault schedule plays, then, once
 * everything has drained, the checks: nothing acknowledged lost, nothing stored twice, the logs clean, and the
 * final state equal to the reference's.
 * A shutdown hook stops the stack that runs, so that an interrupted run (Ctrl-C) leaves nothing behind.
 */
final class FaultRun {

    static final StackShape FAULT_SHAPE = StackShape.PRODUCTION_LIKE;
    /** Traffic lasts at least this long, however short the schedule. */
    private static final Duration MIN_TRAFFIC = Duration.ofSeconds(30);
    private static final Duration HEALTHY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DRAIN_POLL = Duration.ofSeconds(2);
    /** The drained state must hold for this many polls in a row. */
    private static final int QUIET_POLLS = 3;

    /** What a stack left once drained: stored contacts, the state, the logs' findings. */
    private record Outcome(Map<String, HistoryDatabase.Stored> stored, Map<String, Map<String, Map<String, String>>> state,
                           KafkaAudit.LogFindings logs,
                           Map<String, Long> lag, Map<String, String> openTransactions, long followUpBacklog) {
    }

    private final Path home;
    private final Path dataDir;
    private final Profile profile;
    private final long seed;
    private final StackPorts ports;
    private final PrintStream out;
    private final AtomicReference<LocalStack> running = new AtomicReference<>();

    /** @param dataDir where both stacks keep their data (wiped at the start of each) */
    FaultRun(Path home, Path dataDir, Profile profile, long seed, StackPorts ports, PrintStream out) {
        this.home = home;
        this.dataDir = dataDir;
        this.profile = profile;
        this.seed = seed;
        this.ports = ports;
        this.out = out;
    }

    RunResult run() throws SQLException {
        Thread stopper = new Thread(() -> {
            LocalStack stack = running.get();
            if (stack != null) {
                stack.close();
            }
        }, "fault-run-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return runBoth();
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopper);
        }
    }

    private RunResult runBoth() throws SQLException {
        Instant date = Instant.now();
        Workload workload = Workload.plan(seed, profile.events(), profile.customers());
        FaultSchedule schedule = FaultSchedule.plan(profile, FAULT_SHAPE.instances(), seed);
        out.printf(Locale.ROOT, "Workload: %d events (%d distinct from %d customers, %d adapter re-sends), seed %d%n",
                workload.events().size(), workload.distinct(), profile.customers(), workload.resends(), seed);
        schedule.print(out);

        out.println();
        out.println("1/2 Reference run, no faults: 1 broker, 1 instance of each service");
        long referenceStart = System.nanoTime();
        Outcome reference;
        try (LocalStack stack = startStack("reference", StackShape.LAPTOP);
             Publisher publisher = new Publisher(stack.bootstrapServers(), stack.registryUrl())) {
            publisher.publish(workload, 0, Duration.ofMinutes(2));
            out.printf(Locale.ROOT, "  published %d events, %d acknowledged%n", workload.events().size(), publisher.acknowledged().size());
            reference = drained(stack);
        }
        long referenceSeconds = Duration.ofNanos(System.nanoTime() - referenceStart).toSeconds();

        out.println();
        out.printf(Locale.ROOT, "2/2 Run under faults: %d brokers (replication factor %d, min ISR %d), %d instances of each service%n",
                FAULT_SHAPE.brokers(), FAULT_SHAPE.replicationFactor(), FAULT_SHAPE.minInsyncReplicas(), FAULT_SHAPE.instances());
        long faultStart = System.nanoTime();
        Outcome underFaults;
        Publisher publisher;
        List<FaultInjector.Injected> injected;
        List<FaultInjector.UnexpectedExit> exits;
        try (LocalStack stack = startStack("faults", FAULT_SHAPE)) {
            publisher = new Publisher(stack.bootstrapServers(), stack.registryUrl());
            Duration traffic = schedule.span().compareTo(MIN_TRAFFIC) < 0 ? MIN_TRAFFIC : schedule.span();
            double rate = workload.events().size() / (double) traffic.toSeconds();
            out.printf(Locale.ROOT, "  publishing at %.0f events/s for about %d s while the faults play%n", rate, traffic.toSeconds());
            Thread trafficThread = new Thread(() -> publisher.publish(workload, rate, Duration.ofMinutes(5)), "fault-workload");
            trafficThread.start();
            try (FaultInjector injector = new FaultInjector(stack, out, Instant.now())) {
                injector.play(schedule);
                join(trafficThread);
                out.printf(Locale.ROOT, "  published %d events, %d acknowledged, %d sends failed and were retried%n",
                        workload.events().size(), publisher.acknowledged().size(), publisher.failedSends());
                injector.restartUnexpectedExits();
                awaitHealthy(stack);
                injected = injector.injected();
                exits = injector.unexpectedExits();
            }
            underFaults = drained(stack);
        }
        publisher.close();
        long faultSeconds = Duration.ofNanos(System.nanoTime() - faultStart).toSeconds();

        Set<String> acknowledged = publisher.acknowledged();
        long lost = acknowledged.stream().filter(key -> !underFaults.stored().containsKey(key)).count();
        long duplicated = underFaults.stored().values().stream().filter(stored -> stored.count() > 1).count();
        long referenceLost = workload.events().stream().map(Workload.Planned::sourceKey).distinct()
                .filter(key -> !reference.stored().containsKey(key)).count();
        long referenceDuplicated = reference.stored().values().stream().filter(stored -> stored.count() > 1).count();
        StateComparison comparison = StateComparison.compare(reference.state(), underFaults.state());

        List<Recovery.Sample> samples = new ArrayList<>();
        publisher.firstSentAt().forEach((key, sentAt) -> {
            HistoryDatabase.Stored stored = underFaults.stored().get(key);
            if (stored != null) {
                samples.add(new Recovery.Sample(sentAt, stored.visibleAt()));
            }
        });
        Map<FaultKind, Double> recovery = Recovery.worstByKind(injected, Recovery.perFault(injected, samples));
        Map<FaultKind, Long> faults = new EnumMap<>(FaultKind.class);
        injected.forEach(fault -> faults.merge(fault.fault().kind(), 1L, Long::sum));

        KafkaAudit.LogFindings logs = underFaults.logs();
        return new RunResult(profile.name(), seed, date, Machine.describe(home, null), workload.events().size(), workload.resends(),
                acknowledged.size(), publisher.failedSends(), lost, duplicated, referenceLost, referenceDuplicated, comparison.equal(),
                comparison.divergences(), logs.contactEvents(), logs.contactEventDuplicates().size(), logs.taskVersions(),
                logs.taskVersionConflicts().size(), merge(logs.deadLetters(), reference.logs().deadLetters()), logs.deadLetterReasons(),
                underFaults.lag(), underFaults.openTransactions(), underFaults.followUpBacklog(), faults, recovery, exits,
                referenceSeconds, faultSeconds);
    }

    private LocalStack startStack(String name, StackShape shape) {
        Path dir = dataDir.resolve(name);
        StackSettings settings = StackSettings.of(home, dir, Set.of(OptionalPart.SIMULATOR), Map.of(),
                TrafficSimulator.Settings.defaults(seed), shape, ports);
        LocalStack.wipe(settings, out);
        // Both stacks hash thread keys under the same key, or no row of theirs would compare equal.
        PersonalDataSecrets.share(dataDir.resolve("personal-data-keys"), dir);
        LocalStack stack = new LocalStack(settings, StackLayout.locate(home, settings), out, out);
        running.set(stack);
        try {
            stack.start();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void awaitHealthy(LocalStack stack) {
        List<String> parts = new ArrayList<>(stack.brokers());
        parts.add(LocalStack.REGISTRY);
        parts.addAll(stack.routers());
        parts.addAll(stack.histories());
        for (String part : parts) {
            stack.awaitHealthy(part, HEALTHY_TIMEOUT);
        }
    }

    /**
     * Waits until no group lags, no follow-up work is queued and that stays so for a few polls, then reads
     * everything the checks need. A stack that does not drain is a finding too: its lag is reported, not thrown.
     */
    private Outcome drained(LocalStack stack) throws SQLException {
        HistoryDatabase database = new HistoryDatabase(stack.jdbcUrl(), LocalStack.DATABASE_USER, LocalStack.DATABASE_PASSWORD);
        try (KafkaAudit audit = new KafkaAudit(stack.bootstrapServers(), stack.registryUrl())) {
            long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
            int quiet = 0;
            Map<String, Long> lag = Map.of();
            long backlog = 0;
            long started = System.nanoTime();
            while (quiet < QUIET_POLLS && System.nanoTime() < deadline) {
                lag = audit.lag();
                backlog = database.followUpBacklog();
                quiet = lag.isEmpty() && backlog == 0 ? quiet + 1 : 0;
                if (quiet < QUIET_POLLS) {
                    FaultInjector.pause(DRAIN_POLL);
                }
            }
            out.printf(Locale.ROOT, "  %s after %d s%n", quiet >= QUIET_POLLS ? "drained" : "NOT drained (lag " + lag + ", follow-up backlog "
                    + backlog + ")", Duration.ofNanos(System.nanoTime() - started).toSeconds());
            return new Outcome(database.storedContacts(), database.snapshot(), audit.readLogs(), lag, audit.openTransactions(), backlog);
        }
    }

    private static Map<String, Long> merge(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> merged = new TreeMap<>(a);
        b.forEach((topic, count) -> merged.merge("reference " + topic, count, Long::sum));
        return merged;
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
