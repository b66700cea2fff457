package io.omnirouter.history.followup.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The versions that turn the stored tasks into the derived ones, numbered after what was published, so that
 * {@code followup.tasks} keeps its promise: a (task id, version) is published once, versions only grow, and a
 * task whose state did not change gets no version.
 * <ul>
 *   <li>a task not stored: every derived version, numbered after the last version it had if it was cancelled
 *       before; nothing if it was cancelled before and its derivation ends cancelled too (a derivation cancels a task
 *       whose consent the customer withdrew);</li>
 *   <li>a stored task in the derived state: nothing;</li>
 *   <li>a stored task in a state its derivation passes through (the usual case: a contact or a decision that
 *       comes after everything applied so far): the derived versions after that state;</li>
 *   <li>any other stored task (it took another path: a contact that arrived late, a clock that escalated it
 *       before the contact that kept the promise in time was applied, a merge): one version, the derived state;</li>
 *   <li>a stored task that is not derived (its customer's contacts, in event-time order, do not make that promise):
 *       a CANCELLED version.</li>
 * </ul>
 */
public final class TaskRevisions {

    private TaskRevisions() {
    }

    /**
     * @param stored            the stored tasks in scope: those of the derived customers, and every stored task whose
     *                          trigger contact belongs to one of them or to no customer at all
     * @param cancelledVersions the last version of tasks cancelled earlier, by task id
     * @param at                when the revision is made (the time of CANCELLED versions)
     */
    public static List<FollowUpTask> between(Collection<FollowUpTask> stored, Map<UUID, Long> cancelledVersions,
                                             DerivedTasks derived, Instant at) {
        Map<UUID, FollowUpTask> storedById = new LinkedHashMap<>();
        stored.forEach(task -> storedById.put(task.taskId(), task));
        List<FollowUpTask> revisions = new ArrayList<>();
        derived.histories().forEach((taskId, history) -> {
            FollowUpTask current = storedById.remove(taskId);
            if (current == null && cancelledVersions.containsKey(taskId) && history.get(history.size() - 1).status() == TaskStatus.CANCELLED) {
                return; // cancelled, as published (e.g. its consent withdrawn): nothing new
            }
            if (current == null) {
                long last = cancelledVersions.getOrDefault(taskId, 0L);
                history.forEach(version -> revisions.add(version.numbered(last + version.version(), version.changedAt(), version.changeReason())));
            } else {
                revisions.addAll(revise(current, history));
            }
        });
        storedById.values().forEach(task -> revisions.add(task.cancelled(at,
                "cancelled: in event-time order the contacts of customer " + task.customerId() + " do not make this promise")));
        return revisions;
    }

    private static List<FollowUpTask> revise(FollowUpTask current, List<FollowUpTask> history) {
        FollowUpTask derived = history.get(history.size() - 1);
        if (current.sameStateAs(derived)) {
            return List.of();
        }
        for (int i = history.size() - 2; i >= 0; i--) {
            if (history.get(i).sameStateAs(current)) {
                List<FollowUpTask> rest = new ArrayList<>();
                long version = current.version();
                for (FollowUpTask next : history.subList(i + 1, history.size())) {
                    rest.add(next.numbered(++version, next.changedAt(), next.changeReason()));
                }
                return rest;
            }
        }
        String reason = onlyMovedCustomer(current, derived)
                ? "its contact now belongs to customer " + derived.customerId()
                : "re-derived in event-time order: " + derived.changeReason();
        return List.of(derived.numbered(current.version() + 1, derived.changedAt(), reason));
    }

    /** Whether the two differ in their customer only (the trigger contact moved: a merge, a re-derivation). */
    private static boolean onlyMovedCustomer(FollowUpTask current, FollowUpTask derived) {
        return !current.customerId().equals(derived.customerId()) && current.ofCustomer(derived.customerId()).sameStateAs(derived);
    }
}
