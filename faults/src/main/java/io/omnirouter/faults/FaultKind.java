package io.omnirouter.faults;

import java.util.Locale;

/** The faults the harness injects into a running stack, each a real event on real processes. */
enum FaultKind {
    ROUTER_KILL("kill -9 of a router-service instance, restarted after a random pause"),
    HISTORY_KILL("kill -9 of a contact-history-service instance, restarted after a random pause"),
    SERVICE_PAUSE("SIGSTOP of a service instance for longer than its session and transaction time-outs, then SIGCONT"),
    LEADER_BROKER_KILL("kill -9 of the broker leading most partitions in use, restarted after 10-30 s"),
    ALL_BROKERS_DOWN("every broker killed at once, all restarted after 30 s"),
    POSTGRES_CRASH("PostgreSQL stopped with an immediate shutdown, restarted (crash recovery) after the outage"),
    REGISTRY_DOWN("the schema registry killed, restarted after 30 s"),
    REBALANCE("a service scaled 2 -> 1 -> 2: one instance stopped cleanly, started again after a pause");

    private final String description;

    FaultKind(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** The key in the results file, e.g. {@code router_kill}. */
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
