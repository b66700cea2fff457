package io.omnirouter.history.search.model;

import java.util.List;
import java.util.Optional;

/** One page of a search's answer: exact matches first, then name matches; {@code next} is absent on the last page. */
public record SearchPage(List<FoundCustomer> customers, Optional<SearchCursor> next) {

    public SearchPage {
        customers = List.copyOf(customers);
    }
}
