package io.omnirouter.history.erasure.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What stays of an erased customer: no personal data, only that it was erased, when, by which action, and how many
 * contacts it had per channel (for statistics).
 *
 * @param customerId        the id asked about
 * @param erasedAs          the customer the erasure named (this one, or the one it had been merged into)
 * @param erasedAt          when the erasure was accepted
 * @param actionId          the erasure on agent.actions
 * @param contactsByChannel how many contacts the erased customer had per channel; empty on the ids merged into it
 */
public record ErasedCustomer(UUID customerId, UUID erasedAs, Instant erasedAt, UUID actionId,
                             Map<String, Integer> contactsByChannel) {

    public ErasedCustomer {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(erasedAs, "erasedAs");
        Objects.requireNonNull(erasedAt, "erasedAt");
        Objects.requireNonNull(actionId, "actionId");
        contactsByChannel = Map.copyOf(contactsByChannel);
    }
}
