package io.omnirouter.history.shared.erasure;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What an erasure removes (docs/personal-data.md, "Erasure"): the erased customer's ids (its own and those answering
 * with it) and the contacts they hold.
 *
 * @param actionId    the erasure: its own outcome stays
 * @param at          the erasure's time (the action's): the time of what it changes
 * @param customerIds every id of the erased customer
 * @param contactIds  every contact those ids hold
 * @param announce    false when a rebuild replays the erasure: nothing is published
 */
public record ErasedData(UUID actionId, Instant at, Set<UUID> customerIds, Set<UUID> contactIds, boolean announce) {

    public ErasedData {
        customerIds = Set.copyOf(customerIds);
        contactIds = Set.copyOf(contactIds);
    }

    /** The customer ids as a PostgreSQL {@code uuid[]}, for {@code = ANY (?)}. */
    public Array customerIdArray(Connection connection) throws SQLException {
        return connection.createArrayOf("uuid", customerIds.toArray(UUID[]::new));
    }

    /** The contact ids as a PostgreSQL {@code uuid[]}, for {@code = ANY (?)}. */
    public Array contactIdArray(Connection connection) throws SQLException {
        return connection.createArrayOf("uuid", contactIds.toArray(UUID[]::new));
    }
}
