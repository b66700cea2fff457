package io.omnirouter.history.audit.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One read of one customer's data, as the read audit keeps it: who, when, which customer, through which endpoint.
 * Never what was read: no identifier, name or text of the customer's.
 *
 * @param actor      the authenticated user's name
 * @param roles      the user's roles (AGENT, SUPERVISOR, OPS), sorted
 * @param endpoint   the method and route template ({@link ReadEndpoints#of}), never a value of the path or query
 * @param asOf       the past instant an as-of read answered for; null for a read of the present
 * @param instanceId the instance that answered
 */
public record CustomerRead(Instant readAt, String actor, List<String> roles, UUID customerId, String endpoint, Instant asOf,
                           String instanceId) {

    public CustomerRead {
        Objects.requireNonNull(readAt, "readAt");
        Objects.requireNonNull(actor, "actor");
        roles = List.copyOf(roles);
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(instanceId, "instanceId");
    }
}
