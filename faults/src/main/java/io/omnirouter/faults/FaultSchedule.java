package io.omnirouter.faults;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.omnirouter.local.LocalStack;

/**
 * The faults of a run, in order, drawn from a seed: the same seed, profile and shape give the same schedule, so a
 * run that found something can be repeated. Faults come one after another, each after a random gap of traffic;
 * a killed service is restarted after its pause without waiting for it to be healthy before the next fault, so
 * faults also overlap a service's start-up, as they do in production.
 */
record FaultSchedule(long seed, List<Fault> faults) {

    /** Longer than the consumers' session time-out (Kafka's default 45 s) and the router's transaction time-out (15 s). */
    static final Duration PAUSE = Duration.ofSeconds(50);
    static final Duration ALL_BROKERS_OUTAGE = Duration.ofSeconds(30);
    static final Duration REGISTRY_OUTAGE = Duration.ofSeconds(30);
    private static final Duration MIN_KILL_PAUSE = Duration.ofSeconds(2);
    /** A broker or an instance is away at least this long: long enough for the cluster to notice. */
    private static final Duration MIN_OUTAGE = Duration.ofSeconds(10);

    FaultSchedule {
        faults = List.copyOf(faults);
    }

    static FaultSchedule plan(Profile profile, int instances, long seed) {
        Random random = new Random(seed);
        List<FaultKind> kinds = new ArrayList<>();
        for (FaultKind kind : FaultKind.values()) {
            kinds.addAll(Collections.nCopies(profile.count(kind), kind));
        }
        Collections.shuffle(kinds, random);
        List<Fault> faults = new ArrayList<>();
        for (FaultKind kind : kinds) {
            Duration gap = between(random, profile.gap().dividedBy(3), profile.gap());
            int instance = 1 + random.nextInt(instances);
            String anyService = random.nextBoolean() ? LocalStack.ROUTER : LocalStack.HISTORY;
            Fault fault = switch (kind) {
                case ROUTER_KILL -> new Fault(faults.size() + 1, kind, gap, between(random, MIN_KILL_PAUSE, profile.killPause()),
                        LocalStack.ROUTER, instance);
                case HISTORY_KILL -> new Fault(faults.size() + 1, kind, gap, between(random, MIN_KILL_PAUSE, profile.killPause()),
                        LocalStack.HISTORY, instance);
                case SERVICE_PAUSE -> new Fault(faults.size() + 1, kind, gap, PAUSE, anyService, instance);
                case LEADER_BROKER_KILL -> new Fault(faults.size() + 1, kind, gap,
                        between(random, MIN_OUTAGE, profile.brokerOutage()), null, 0);
                case ALL_BROKERS_DOWN -> new Fault(faults.size() + 1, kind, gap, ALL_BROKERS_OUTAGE, null, 0);
                case POSTGRES_CRASH -> new Fault(faults.size() + 1, kind, gap, profile.postgresOutage(), null, 0);
                case REGISTRY_DOWN -> new Fault(faults.size() + 1, kind, gap, REGISTRY_OUTAGE, null, 0);
                case REBALANCE -> new Fault(faults.size() + 1, kind, gap,
                        between(random, MIN_OUTAGE, profile.scaledIn()), anyService, instance);
            };
            faults.add(fault);
        }
        return new FaultSchedule(seed, faults);
    }

    /** Gaps and outages added up: how long the traffic should last to flow under every fault. */
    Duration span() {
        return faults.stream().map(fault -> fault.gapBefore().plus(fault.outage())).reduce(Duration.ZERO, Duration::plus);
    }

    long count(FaultKind kind) {
        return faults.stream().filter(fault -> fault.kind() == kind).count();
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "Fault schedule (seed %d; repeat with --seed %d): %d faults over about %d s%n", seed, seed,
                faults.size(), span().toSeconds());
        for (Fault fault : faults) {
            out.printf(Locale.ROOT, "  %3d  after %3d s  %-18s %-28s for %3d s%n", fault.number(), fault.gapBefore().toSeconds(),
                    fault.kind().key(), fault.target(), fault.outage().toSeconds());
        }
    }

    private static Duration between(Random random, Duration low, Duration high) {
        long span = Math.max(0, high.toMillis() - low.toMillis());
        return Duration.ofMillis(low.toMillis() + (span == 0 ? 0 : random.nextLong(span + 1)));
    }
}
