package io.omnirouter.history.audit.application;

import io.omnirouter.history.audit.model.CustomerRead;
import io.omnirouter.history.audit.model.ReadAuditCursor;
import io.omnirouter.history.audit.model.ReadAuditPage;
import io.omnirouter.history.audit.model.ReadEndpoints;
import io.omnirouter.history.customer.application.CustomerNotFoundException;
import io.omnirouter.history.customer.application.LookingUpCustomers;
import io.omnirouter.history.shared.InvalidRequestException;
import io.omnirouter.history.shared.action.application.TakingActions.Actor;
import io.omnirouter.support.instance.InstanceProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The read audit (contact-history-service/docs/security-and-console.md, "Read audit"): every read of a customer's data
 * through the API or the console is recorded (who, when, which customer, which endpoint, never what was read), and a
 * supervisor lists them per customer or per user.
 */
@Service
public class AuditingReads {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 200;

    private final ReadAudit audit;
    private final LookingUpCustomers customers;
    private final Clock clock;
    private final String instanceId;

    public AuditingReads(ReadAudit audit, LookingUpCustomers customers, Clock clock, InstanceProperties instance) {
        this.audit = audit;
        this.customers = customers;
        this.clock = clock;
        this.instanceId = instance.id();
    }

    /**
     * Records that {@code reader} read the data of these customers now, one row each, in one statement; nothing for
     * no customer.
     *
     * @param routeTemplate the route that matched, e.g. {@code /api/customers/{customerId}} (never the request's path)
     * @param asOf          the past instant the read answered for, or null
     */
    public void record(Actor reader, String method, String routeTemplate, Instant asOf, Collection<UUID> customerIds) {
        if (customerIds.isEmpty()) {
            return;
        }
        String endpoint = ReadEndpoints.of(method, routeTemplate);
        Instant now = clock.instant();
        audit.record(new LinkedHashSet<>(customerIds).stream()
                .map(customer -> new CustomerRead(now, reader.name(), reader.roles(), customer, endpoint, asOf, instanceId))
                .toList());
    }

    /**
     * One page of the audit, newest first, filtered by customer, by user, or both.
     *
     * <p>A customer is asked for as it is now: the reads recorded under any id that answers with the same customer (its
     * own, those of customers merged into it or re-derived away, or the survivor it was merged into), and always those
     * recorded under exactly the id asked for, also when no customer has it any more.
     *
     * @param limit  reads per page, or null for {@link #DEFAULT_PAGE_SIZE}
     * @param cursor the {@code next} of the previous page, or null for the newest
     * @throws InvalidRequestException if neither a customer nor a user is given, or the limit is out of range
     */
    public ReadAuditPage page(UUID customerId, String actor, Integer limit, ReadAuditCursor cursor) {
        if (customerId == null && actor == null) {
            throw new InvalidRequestException("customerId or actor is required");
        }
        int pageSize = limit == null ? DEFAULT_PAGE_SIZE : limit;
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw InvalidRequestException.of("limit", "limit must be between 1 and " + MAX_PAGE_SIZE);
        }
        Set<UUID> ids = customerId == null ? null : idsOf(customerId);
        return ReadAuditPage.of(audit.reads(ids, actor, Optional.ofNullable(cursor), pageSize + 1), pageSize);
    }

    private Set<UUID> idsOf(UUID customerId) {
        Set<UUID> ids = new LinkedHashSet<>();
        ids.add(customerId);
        try {
            ids.addAll(customers.idsAnsweringWith(customerId));
        } catch (CustomerNotFoundException e) {
            // No customer has the id (any more): the reads recorded under it are still there.
        }
        return ids;
    }
}
