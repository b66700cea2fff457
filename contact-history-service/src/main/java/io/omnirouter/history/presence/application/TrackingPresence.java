package io.omnirouter.history.presence.application;

import io.omnirouter.history.customer.application.CustomerNotFoundException;
import io.omnirouter.history.customer.application.LookingUpCustomers;
import io.omnirouter.history.presence.model.Viewers;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Service;

/**
 * Presence (issue 14, item 7): which agents are looking at a customer right now, so that two do not answer the same
 * customer at once (collision detection). The console sends a heartbeat while it shows a customer and says when it
 * leaves; a viewer whose heartbeat is older than the TTL is no longer counted. A customer merged into another counts as
 * the survivor: heartbeats are kept under the id the customer goes by now, and read under every id that answers with
 * it (a heartbeat kept just before a merge still counts).
 *
 * <p>Expired heartbeats are purged on write: a heartbeat purges the whole table's expired rows when the last purge of
 * this instance is a TTL ago, so the table holds about one TTL's worth of heartbeats with no job of its own. Reads never
 * depend on the purge (they count heartbeats within the TTL only).
 */
@Service
public class TrackingPresence {

    private final ViewerStore store;
    private final LookingUpCustomers customers;
    private final PresenceProperties properties;
    private final Clock clock;
    private final AtomicReference<Instant> nextPurge = new AtomicReference<>(Instant.MIN);

    public TrackingPresence(ViewerStore store, LookingUpCustomers customers, PresenceProperties properties, Clock clock) {
        this.store = store;
        this.customers = customers;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The agent is looking at the customer now; answers the others looking at it.
     *
     * @throws CustomerNotFoundException if there never was such a customer
     */
    public Viewers heartbeat(UUID customerId, String agentId) {
        UUID current = currentIdOf(customerId);
        store.seen(current, agentId);
        purgeWhenDue();
        return viewersOfCurrent(current).except(agentId);
    }

    /**
     * The agent no longer looks at the customer (under any of its ids).
     *
     * @throws CustomerNotFoundException if there never was such a customer
     */
    public void left(UUID customerId, String agentId) {
        store.left(customers.idsAnsweringWith(customerId), agentId);
    }

    /**
     * Everyone looking at the customer now.
     *
     * @throws CustomerNotFoundException if there never was such a customer
     */
    public Viewers viewersOf(UUID customerId) {
        return viewersOfCurrent(currentIdOf(customerId));
    }

    private UUID currentIdOf(UUID customerId) {
        return customers.currentId(customerId).orElseThrow(() -> new CustomerNotFoundException(customerId));
    }

    private Viewers viewersOfCurrent(UUID current) {
        Set<UUID> ids = customers.idsAnsweringWith(current);
        return Viewers.of(current, store.seenWithin(ids, properties.ttl()));
    }

    private void purgeWhenDue() {
        Instant now = clock.instant();
        Instant due = nextPurge.get();
        if (!now.isBefore(due) && nextPurge.compareAndSet(due, now.plus(properties.ttl()))) {
            store.purgeOlderThan(properties.ttl());
        }
    }
}
