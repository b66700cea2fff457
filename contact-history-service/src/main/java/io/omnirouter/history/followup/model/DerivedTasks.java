package io.omnirouter.history.followup.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Tasks as {@link PromiseKeeping#derive} gives them: by task id, every version from the first, numbered from 1
 * as if the contacts had arrived in event-time order.
 */
public record DerivedTasks(Map<UUID, List<FollowUpTask>> histories) {

    public DerivedTasks {
        Map<UUID, List<FollowUpTask>> copy = new LinkedHashMap<>();
        histories.forEach((taskId, versions) -> copy.put(taskId, List.copyOf(versions)));
        histories = java.util.Collections.unmodifiableMap(copy);
    }

    /** The tasks of several customers (task ids are derived from trigger contacts, which one customer holds). */
    public static DerivedTasks of(Collection<DerivedTasks> parts) {
        Map<UUID, List<FollowUpTask>> all = new LinkedHashMap<>();
        parts.forEach(part -> all.putAll(part.histories()));
        return new DerivedTasks(all);
    }

    /** The last version of every task. */
    public List<FollowUpTask> latest() {
        List<FollowUpTask> latest = new ArrayList<>();
        histories.values().forEach(versions -> latest.add(versions.get(versions.size() - 1)));
        return latest;
    }
}
