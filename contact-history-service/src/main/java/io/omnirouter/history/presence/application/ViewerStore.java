package io.omnirouter.history.presence.application;

import io.omnirouter.history.presence.model.Viewer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Where heartbeats are kept: one store for every instance (PostgreSQL), on one clock (the database's), so that an agent
 * heartbeating on one instance is seen on every other.
 */
public interface ViewerStore {

    /** The agent is looking at the customer now: their heartbeat, stamped with the store's clock. */
    void seen(UUID customerId, String agentId);

    /** The agent left the customer, under any of these ids. */
    void left(Collection<UUID> customerIds, String agentId);

    /** The heartbeats under any of these ids that are at most {@code ttl} old. */
    List<Viewer> seenWithin(Collection<UUID> customerIds, Duration ttl);

    /** Forgets every heartbeat older than {@code ttl}, of every customer; answers how many. */
    int purgeOlderThan(Duration ttl);
}
