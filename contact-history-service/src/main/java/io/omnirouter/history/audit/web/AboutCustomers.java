package io.omnirouter.history.audit.web;

import java.util.Collection;
import java.util.UUID;

/**
 * An answer of the API that says whose data it holds: the customers a {@link ReadsCustomerData} request read when it
 * named none itself (a lookup by identifier, a task by its id).
 */
public interface AboutCustomers {

    /** The customers whose data this answer holds (not a bean property: never serialized). */
    Collection<UUID> customersRead();
}
