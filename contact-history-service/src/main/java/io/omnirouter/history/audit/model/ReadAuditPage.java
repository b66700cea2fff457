package io.omnirouter.history.audit.model;

import java.util.List;
import java.util.Optional;

/** One page of the read audit, newest first; {@code next} is absent on the last page. */
public record ReadAuditPage(List<RecordedRead> items, Optional<ReadAuditCursor> next) {

    public ReadAuditPage {
        items = List.copyOf(items);
    }

    /** @param fetched up to {@code limit + 1} reads: one more than a page tells whether there is a next one */
    public static ReadAuditPage of(List<RecordedRead> fetched, int limit) {
        if (fetched.size() <= limit) {
            return new ReadAuditPage(fetched, Optional.empty());
        }
        List<RecordedRead> page = fetched.subList(0, limit);
        return new ReadAuditPage(page, Optional.of(page.get(limit - 1).cursorAfter()));
    }
}
