package io.omnirouter.history.search.application;

import io.omnirouter.history.customer.model.Customer.OwnedIdentifier;
import io.omnirouter.history.search.model.Candidate;
import io.omnirouter.history.search.model.ExactKey;
import io.omnirouter.history.search.model.SearchCursor;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the search finds customers: it reads the identity's tables (customer, customer_identifier) and the contacts,
 * as the conversation view reads contacts (conversation/infrastructure/JdbcConversationStore), and writes nothing.
 * Every answer is about customers as they are now: a merged customer answers as its survivor, an erased one is gone.
 * Each method is served by indexes (V1, V2, V37), never by reading a whole table (CustomerSearchPlansIT).
 */
public interface CustomerSearchIndex {

    /** The customers holding any of the identifiers, or a contact with the order id; a customer once per key it matched. */
    List<Candidate> exactMatches(List<ExactKey> keys);

    /**
     * Customers one of whose contacts gave a name containing every word (accents and case aside), in
     * {@link Candidate#ORDER}, after the position if given, at most {@code limit}.
     *
     * @param excluded customers not to answer (found exactly already)
     */
    List<Candidate> nameMatches(List<String> words, Collection<UUID> excluded, Optional<SearchCursor> after, int limit);

    /** Per customer, the distinct names its contacts gave, most recently used first, at most {@code perCustomer}. */
    Map<UUID, List<String>> names(Collection<UUID> customerIds, int perCustomer);

    /** Per customer, the identifiers it holds in the profile's order (type, first seen, value). */
    Map<UUID, List<OwnedIdentifier>> identifiers(Collection<UUID> customerIds);
}
