package io.omnirouter.history.search.application;

import io.omnirouter.history.search.model.Candidate;
import io.omnirouter.history.search.model.CustomerQuery;
import io.omnirouter.history.search.model.FoundCustomer;
import io.omnirouter.history.search.model.SearchCursor;
import io.omnirouter.history.search.model.SearchPage;
import io.omnirouter.history.shared.InvalidRequestException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds customers by what an agent typed ({@link CustomerQuery}): exact matches (an identifier, an order id) first, then
 * customers whose names contain the words, page by page. One snapshot per page (REPEATABLE READ, as
 * customer/application/LookingUpCustomers: several statements, and a late contact re-deriving a customer between them
 * would otherwise make it vanish from its own row).
 *
 * <p>Exact matches are few (an identifier has one holder, an order one customer, seldom a few), so they are read whole
 * and paged here; name matches can be thousands ("ana"), so the database pages them by the cursor.
 */
@Service
public class SearchingCustomers {

    private final CustomerSearchIndex index;
    private final SearchProperties properties;

    public SearchingCustomers(CustomerSearchIndex index, SearchProperties properties) {
        this.index = index;
        this.properties = properties;
    }

    /**
     * @param limit  page size, or null for the configured default
     * @param cursor the {@code next} cursor of the previous page, or null for the first page
     * @throws InvalidRequestException if the limit is out of range
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public SearchPage search(CustomerQuery query, Integer limit, SearchCursor cursor) {
        int pageSize = limit == null ? properties.defaultPageSize() : limit;
        if (pageSize < 1 || pageSize > properties.maxPageSize()) {
            throw InvalidRequestException.of("limit", "limit must be between 1 and " + properties.maxPageSize());
        }
        // A customer matching several exact keys is shown once, with the strongest (MatchedBy's order).
        BinaryOperator<Candidate> strongest = (a, b) -> a.matchedBy().compareTo(b.matchedBy()) <= 0 ? a : b;
        Map<UUID, Candidate> exact = index.exactMatches(query.exactKeys()).stream()
                .collect(Collectors.toMap(Candidate::customerId, candidate -> candidate, strongest, LinkedHashMap::new));
        // One more than a page tells whether there is a next one.
        List<Candidate> page = new ArrayList<>(pageSize + 1);
        if (cursor == null || !cursor.byName()) {
            exact.values().stream().filter(candidate -> cursor == null || candidate.isAfter(cursor)).sorted(Candidate.ORDER)
                    .limit(pageSize + 1L).forEach(page::add);
        }
        if (page.size() <= pageSize && query.searchesNames()) {
            Optional<SearchCursor> after = cursor != null && cursor.byName() ? Optional.of(cursor) : Optional.empty();
            page.addAll(index.nameMatches(query.nameWords(), exact.keySet(), after, pageSize + 1 - page.size()));
        }
        List<Candidate> shown = page.subList(0, Math.min(pageSize, page.size()));
        List<UUID> ids = shown.stream().map(Candidate::customerId).toList();
        Map<UUID, List<String>> names = index.names(ids, properties.namesShown());
        var identifiers = index.identifiers(ids);
        List<FoundCustomer> found = shown.stream().map(candidate -> new FoundCustomer(candidate.customerId(),
                names.getOrDefault(candidate.customerId(), List.of()), identifiers.getOrDefault(candidate.customerId(), List.of()),
                candidate.lastContactAt(), candidate.matchedBy())).toList();
        Optional<SearchCursor> next = page.size() > pageSize ? Optional.of(SearchCursor.after(found.get(found.size() - 1)))
                : Optional.empty();
        return new SearchPage(found, next);
    }
}
