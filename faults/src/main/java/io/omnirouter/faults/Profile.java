package io.omnirouter.faults;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * How big a run is: the default run that the "done" is measured by, a quick run for a developer, and the
 * short run that {@code ./mvnw verify} makes on every build (one kill of each service, one broker hard kill, a 10 s
 * PostgreSQL outage, one rebalance).
 *
 * @param events         distinct workload events (re-sends come on top)
 * @param customers      the population the journeys are drawn from
 * @param counts         faults of each kind
 * @param postgresOutage how long PostgreSQL stays down
 * @param gap            pause between one fault's end and the next fault, at most (at least a third of it)
 * @param killPause      how long a killed service stays dead before it is restarted, at most (at least 2 s)
 * @param brokerOutage   how long a killed leader stays down, at most (at least 10 s)
 * @param scaledIn       how long a service runs one instance short in a rebalance, at most (at least 10 s)
 */
record Profile(String name, int events, int customers, Map<FaultKind, Integer> counts, Duration postgresOutage, Duration gap,
               Duration killPause, Duration brokerOutage, Duration scaledIn) {

    static Profile full() {
        return new Profile("default", 100_000, 5_000, counts(10, 10, 2, 3, 1, 1, 1, 5), Duration.ofSeconds(60),
                Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(20));
    }

    static Profile quick() {
        return new Profile("quick", 10_000, 1_000, counts(3, 3, 1, 1, 1, 1, 1, 2), Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(6), Duration.ofSeconds(30), Duration.ofSeconds(20));
    }

    /** The CI run: at most about four minutes on two cores, reference run included. */
    static Profile ci() {
        return new Profile("ci", 2_000, 300, counts(1, 1, 0, 1, 0, 1, 0, 1), Duration.ofSeconds(10),
                Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    Profile {
        counts = Map.copyOf(counts);
    }

    Profile withEvents(int override) {
        if (override < 1) {
            throw new IllegalArgumentException("--events must be at least 1, was " + override);
        }
        return new Profile(name, override, Math.max(1, Math.min(customers, override / 10)), counts, postgresOutage, gap, killPause,
                brokerOutage, scaledIn);
    }

    int count(FaultKind kind) {
        return counts.getOrDefault(kind, 0);
    }

    private static Map<FaultKind, Integer> counts(int routerKills, int historyKills, int pauses, int leaderKills, int allBrokers,
                                                  int postgres, int registry, int rebalances) {
        Map<FaultKind, Integer> counts = new EnumMap<>(FaultKind.class);
        counts.put(FaultKind.ROUTER_KILL, routerKills);
        counts.put(FaultKind.HISTORY_KILL, historyKills);
        counts.put(FaultKind.SERVICE_PAUSE, pauses);
        counts.put(FaultKind.LEADER_BROKER_KILL, leaderKills);
        counts.put(FaultKind.ALL_BROKERS_DOWN, allBrokers);
        counts.put(FaultKind.POSTGRES_CRASH, postgres);
        counts.put(FaultKind.REGISTRY_DOWN, registry);
        counts.put(FaultKind.REBALANCE, rebalances);
        return counts;
    }
}
