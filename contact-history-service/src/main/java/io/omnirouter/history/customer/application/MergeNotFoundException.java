package io.omnirouter.history.customer.application;

import io.omnirouter.history.shared.action.application.ActionRefusedException;
import java.util.UUID;

/** No standing merge with that id in the customer's lineage. */
public class MergeNotFoundException extends ActionRefusedException {

    public MergeNotFoundException(UUID mergeId, UUID customerId) {
        super(404, "Merge not found", "customer " + customerId + " has no standing merge " + mergeId);
    }
}
