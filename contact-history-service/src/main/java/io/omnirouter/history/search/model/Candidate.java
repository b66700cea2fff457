package io.omnirouter.history.search.model;

import io.omnirouter.history.customer.model.Uuids;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer that matched, before its names and identifiers are read: what the answer is ordered and paged by.
 *
 * @param customerId    the customer as it is now (a merged customer's survivor)
 * @param lastContactAt event time of its latest contact
 */
public record Candidate(UUID customerId, Instant lastContactAt, MatchedBy matchedBy) {

    /** Most recently in contact first; then by id, descending in PostgreSQL's uuid order, as the name matches' query. */
    public static final Comparator<Candidate> ORDER = Comparator.comparing(Candidate::lastContactAt).reversed()
            .thenComparing(Candidate::customerId, Uuids.ORDER.reversed());

    public Candidate {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(lastContactAt, "lastContactAt");
        Objects.requireNonNull(matchedBy, "matchedBy");
    }

    /** Whether this candidate comes after the position (in the same part of the answer: exact or by name). */
    public boolean isAfter(SearchCursor cursor) {
        return ORDER.compare(this, new Candidate(cursor.customerId(), cursor.lastContactAt(), matchedBy)) > 0;
    }
}
