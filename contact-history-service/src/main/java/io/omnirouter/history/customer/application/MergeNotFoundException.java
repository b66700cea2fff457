package io.omnirouter.history.customer.application;

import java.util.UUID;

/** No standing merge with that id in the customer's lineage. */
public class MergeNotFoundException extends RuntimeException {

    public MergeNotFoundException(UUID mergeId, UUID customerId) {
        super("customer " + customerId + " has no standing merge " + mergeId);
    }
}
