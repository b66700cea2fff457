package io.omnirouter.history.contact.model;

import java.util.List;
import java.util.Optional;

/** One page of a timeline, newest first; {@code next} is absent on the last page. */
public record TimelinePage(List<TimelineEntry> items, Optional<TimelineCursor> next) {

    public TimelinePage {
        items = List.copyOf(items);
    }

    /**
     * @param fetched up to {@code limit + 1} entries: one more than a page, so that whether a next page
     *                exists is known without counting
     */
    public static TimelinePage of(List<TimelineEntry> fetched, int limit) {
        if (fetched.size() <= limit) {
            return new TimelinePage(fetched, Optional.empty());
        }
        List<TimelineEntry> page = fetched.subList(0, limit);
        return new TimelinePage(page, Optional.of(page.get(limit - 1).cursorAfter()));
    }
}
