package io.omnirouter.history.customer.model;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A customer with its history of merges.
 *
 * @param contactCount  contacts the customer holds, those of customers merged into it included
 * @param openTaskCount follow-up tasks open for the customer, those of customers merged into it included
 * @param lineage       merges into this customer (or into customers merged into it), standing and undone,
 *                      oldest first
 * @param facts         names, language, segment and last handler, as its contacts give them
 */
public record CustomerProfile(Customer customer, long contactCount, long openTaskCount, List<MergeLineage> lineage,
                              ContactFacts facts) {

    public CustomerProfile {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(facts, "facts");
        lineage = lineage.stream()
                .sorted(Comparator.comparing((MergeLineage entry) -> entry.merge().mergedAt())
                        .thenComparing(entry -> entry.merge().mergeId(), Uuids.ORDER))
                .toList();
    }
}
