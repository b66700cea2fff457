package io.omnirouter.history.customer.model;

import java.util.UUID;

/**
 * Application event: a recorded merge was undone (published after the transaction committed).
 *
 * @param mergeId    the merge that was undone
 * @param survivorId the customer that had survived the merge
 * @param restoredId the customer restored with its own contacts
 */
public record CustomersUnmerged(UUID mergeId, UUID survivorId, UUID restoredId) {
}
