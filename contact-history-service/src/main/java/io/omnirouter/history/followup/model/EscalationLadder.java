package io.omnirouter.history.followup.model;

import io.omnirouter.history.contact.model.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happens to a promise that is not kept in time: tier 1 when it falls due, further tiers the configured
 * time after that; each tier raises the priority and moves the task to its queue (second line, supervisors).
 * Tiers are a function of event time (due time, and when the task was closed), so replays and rebuilds
 * escalate exactly the same tasks to exactly the same tiers.
 */
public record EscalationLadder(List<Tier> tiers) {

    /** @param overdueBy how long after the due time this tier is reached (first tier: usually zero) */
    public record Tier(Duration overdueBy, String queue) {
    }

    public EscalationLadder {
        tiers = List.copyOf(tiers);
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).overdueBy().compareTo(tiers.get(i - 1).overdueBy()) <= 0) {
                throw new IllegalArgumentException("escalation tiers must be ordered by strictly increasing overdue time");
            }
        }
    }

    /** When tier {@code tier} (1-based) is reached by a task due at {@code dueAt}. */
    public Instant reachedAt(Instant dueAt, int tier) {
        return dueAt.plus(tiers.get(tier - 1).overdueBy());
    }

    /** The tier a task due at {@code dueAt} has reached at {@code at}: 0 while it is not overdue. */
    public int tierAt(Instant dueAt, Instant at) {
        int tier = 0;
        for (int i = 1; i <= tiers.size(); i++) {
            if (!at.isBefore(reachedAt(dueAt, i))) {
                tier = i;
            }
        }
        return tier;
    }

    public int top() {
        return tiers.size();
    }

    public String queueOf(int tier) {
        return tiers.get(tier - 1).queue();
    }

    public static Priority raised(Priority priority) {
        Priority[] all = Priority.values();
        return all[Math.min(priority.ordinal() + 1, all.length - 1)];
    }
}
