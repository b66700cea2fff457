package io.omnirouter.history.followup.model;

import java.util.List;

/**
 * One page of tasks in a {@link TaskOrder}.
 *
 * @param next where the next page starts; null when this page is the last
 */
public record TaskPage(List<FollowUpTask> tasks, TaskCursor next) {

    public TaskPage {
        tasks = List.copyOf(tasks);
    }

    /** The page of at most {@code size} tasks out of {@code fetched} (up to {@code size + 1}: one more says there is more). */
    public static TaskPage of(List<FollowUpTask> fetched, int size, TaskOrder order) {
        if (fetched.size() <= size) {
            return new TaskPage(fetched, null);
        }
        List<FollowUpTask> page = fetched.subList(0, size);
        return new TaskPage(page, TaskCursor.after(page.get(size - 1), order));
    }
}
