package io.omnirouter.history.customer.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A recorded merge: {@code mergedId} was merged into {@code survivorId} because contact
 * {@code causeContactId} carried identifiers of both.
 *
 * @param mergeId            derived from the cause and the two customers, so a replay records the same id (and an
 *                           undone merge's id never comes back: the suppression forbids exactly that merge)
 * @param linkingIdentifiers the identifiers of the cause that belonged to the merged customer
 * @param mergedAt           event time of the cause
 */
public record Merge(UUID mergeId, UUID survivorId, UUID mergedId, UUID causeContactId, List<Identifier> linkingIdentifiers,
                    Instant mergedAt) {

    public Merge {
        Objects.requireNonNull(mergeId, "mergeId");
        Objects.requireNonNull(survivorId, "survivorId");
        Objects.requireNonNull(mergedId, "mergedId");
        Objects.requireNonNull(causeContactId, "causeContactId");
        linkingIdentifiers = List.copyOf(linkingIdentifiers);
        Objects.requireNonNull(mergedAt, "mergedAt");
    }

    public static UUID idFor(UUID causeContactId, UUID survivorId, UUID mergedId) {
        return Uuids.derived("merge:" + causeContactId + ":" + survivorId + ":" + mergedId);
    }
}
