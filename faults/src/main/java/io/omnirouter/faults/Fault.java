package io.omnirouter.faults;

import java.time.Duration;

/**
 * One planned fault.
 *
 * @param number    1-based position in the schedule
 * @param gapBefore traffic without a new fault before this one starts
 * @param outage    how long the part stays down, paused or scaled in
 * @param service   {@code router-service} or {@code contact-history-service} for the kinds that hit a service, else null
 * @param instance  which instance of {@code service} (1-based), else 0
 */
record Fault(int number, FaultKind kind, Duration gapBefore, Duration outage, String service, int instance) {

    String target() {
        return switch (kind) {
            case ROUTER_KILL, HISTORY_KILL, SERVICE_PAUSE, REBALANCE -> service + " #" + instance;
            case LEADER_BROKER_KILL -> "leader of most partitions";
            case ALL_BROKERS_DOWN -> "all brokers";
            case POSTGRES_CRASH -> "PostgreSQL";
            case REGISTRY_DOWN -> "registry";
        };
    }
}
