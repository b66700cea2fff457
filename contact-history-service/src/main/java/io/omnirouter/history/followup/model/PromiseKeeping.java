package io.omnirouter.history.followup.model;

import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.Direction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keeps the promises made to one customer: applies a new contact (opens, closes, supersedes, escalates a
 * chased task), lets the clock escalate overdue tasks, and records completions. Returns every new task
 * version, in order; the caller stores and publishes them.
 *
 * <p>Event-time semantics: everything is decided on {@code occurredAt}, never on processing time. A contact
 * that arrives out of order is handled both ways round: a fulfilling contact closes the tasks created before
 * it, and a new task is checked against the customer's stored later contacts, which may already fulfil it.
 * Escalations a task would have reached before it was closed are recorded first (with their event time), so
 * the same contacts always yield the same task versions, live or rebuilt.
 */
public final class PromiseKeeping {

    private final FollowUpRules rules;
    private final EscalationLadder ladder;

    public PromiseKeeping(FollowUpRules rules, EscalationLadder ladder) {
        this.rules = rules;
        this.ladder = ladder;
    }

    /**
     * @param openTasks     the customer's open tasks
     * @param laterContacts the customer's stored contacts that happened at or after {@code contact}
     */
    public List<FollowUpTask> onContact(Contact contact, UUID customerId, List<FollowUpTask> openTasks,
                                        List<Contact> laterContacts, HandlerContinuity continuity) {
        Map<UUID, FollowUpTask> open = new LinkedHashMap<>();
        openTasks.stream().filter(FollowUpTask::isOpen).forEach(task -> open.put(task.taskId(), task));
        List<FollowUpTask> changes = new ArrayList<>();

        for (FollowUpTask task : List.copyOf(open.values())) {
            if (rules.fulfils(contact, task)) {
                close(task, contact, open, changes);
            }
        }
        customerIsChasing(contact, open, changes);
        for (Function<Contact, Optional<Opening>> row : rules.rows()) {
            row.apply(contact).ifPresent(opening -> openTask(opening, contact, customerId, laterContacts, continuity, open, changes));
        }
        return changes;
    }

    /** Escalations {@code task} has reached by {@code now}, each a version stamped with the time it was reached. */
    public List<FollowUpTask> onClock(FollowUpTask task, Instant now) {
        List<FollowUpTask> changes = new ArrayList<>();
        escalateUpTo(task, now, changes);
        return changes;
    }

    public FollowUpTask complete(FollowUpTask task, String agent, Instant at) {
        if (!task.isOpen()) {
            throw new IllegalStateException("task " + task.taskId() + " is " + task.status() + ", not open");
        }
        return task.completedBy(agent, at);
    }

    public FollowUpTask assign(FollowUpTask task, String agent, Instant at) {
        if (!task.isOpen()) {
            throw new IllegalStateException("task " + task.taskId() + " is " + task.status() + ", not open");
        }
        return task.assignedTo(agent, at);
    }

    /** An open task of a customer that was merged into {@code survivor} becomes the survivor's (next version). */
    public FollowUpTask transfer(FollowUpTask task, UUID survivor, Instant at) {
        if (!task.isOpen()) {
            throw new IllegalStateException("task " + task.taskId() + " is " + task.status() + ", not open");
        }
        return task.movedTo(survivor, at, "customer merged into " + survivor);
    }

    /** An open task whose trigger contact now belongs to {@code customer} (a re-derivation moved it) goes with it. */
    public FollowUpTask followTrigger(FollowUpTask task, UUID customer, Instant at) {
        if (!task.isOpen()) {
            throw new IllegalStateException("task " + task.taskId() + " is " + task.status() + ", not open");
        }
        return task.movedTo(customer, at, "its contact now belongs to customer " + customer);
    }

    /** When {@code task} would next escalate, or empty at the top of the ladder or when it is done. */
    public Optional<Instant> nextEscalationAt(FollowUpTask task) {
        if (!task.isOpen() || task.escalationTier() >= ladder.top()) {
            return Optional.empty();
        }
        return Optional.of(ladder.reachedAt(task.dueAt(), task.escalationTier() + 1));
    }

    private void openTask(Opening opening, Contact trigger, UUID customerId, List<Contact> laterContacts,
                          HandlerContinuity continuity, Map<UUID, FollowUpTask> open, List<FollowUpTask> changes) {
        if (open.containsKey(TaskIds.of(opening.type(), trigger.contactId()))) {
            return; // a redelivered trigger: the task exists
        }
        // One promise of a kind per conversation: a second message in a thread is still the same promise.
        boolean sameOpenInThread = open.values().stream()
                .anyMatch(t -> t.type() == opening.type() && t.threadKey().equals(trigger.threadKey()));
        if (sameOpenInThread) {
            return;
        }
        if (opening.type() == TaskType.PROMISED_REPLY) {
            for (FollowUpTask replaced : List.copyOf(open.values())) {
                boolean replyHere = (replaced.type() == TaskType.REPLY || replaced.type() == TaskType.PROMISED_REPLY)
                        && replaced.threadKey().equals(trigger.threadKey()) && !replaced.createdAt().isAfter(trigger.occurredAt());
                if (replyHere) {
                    record(replaced.supersededBy(trigger, "replaced by a promise to answer by " + opening.dueAt()), open, changes);
                }
            }
        }
        FollowUpTask task = FollowUpTask.open(opening, trigger, customerId, continuity.suggestedAgent());
        record(task, open, changes);
        // Contacts already applied that happened after the trigger act on the new task as if they came after it.
        List<Contact> later = laterContacts.stream()
                .filter(contact -> !contact.contactId().equals(trigger.contactId()))
                .sorted(Comparator.comparing(Contact::occurredAt).thenComparing(Contact::contactId))
                .toList();
        for (Contact contact : later) {
            FollowUpTask current = open.get(task.taskId());
            if (current == null) {
                return;
            }
            if (rules.fulfils(contact, current)) {
                close(current, contact, open, changes);
            } else {
                chase(current, contact, open, changes);
            }
        }
    }

    private void close(FollowUpTask task, Contact fulfilling, Map<UUID, FollowUpTask> open, List<FollowUpTask> changes) {
        FollowUpTask escalated = escalateUpTo(task, fulfilling.occurredAt(), changes);
        record(escalated.closedBy(fulfilling, "kept by " + fulfilling.channel() + " " + fulfilling.kind()
                + (fulfilling.occurredAt().isAfter(task.dueAt()) ? " (late)" : "")), open, changes);
    }

    /** A customer who contacts again on another channel while a reply is owed must not be passed around. */
    private void customerIsChasing(Contact contact, Map<UUID, FollowUpTask> open, List<FollowUpTask> changes) {
        for (FollowUpTask task : List.copyOf(open.values())) {
            chase(task, contact, open, changes);
        }
    }

    private void chase(FollowUpTask task, Contact contact, Map<UUID, FollowUpTask> open, List<FollowUpTask> changes) {
        boolean replyOwed = task.type() == TaskType.REPLY || task.type() == TaskType.PROMISED_REPLY;
        boolean chasing = contact.direction() == Direction.INBOUND && replyOwed && task.triggerChannel() != contact.channel()
                && !contact.occurredAt().isBefore(task.createdAt());
        if (!chasing || task.escalationTier() >= ladder.top()) {
            return;
        }
        FollowUpTask current = escalateUpTo(task, contact.occurredAt(), changes);
        // One tier above what the clock demands at that moment, not above the current tier: so the result
        // does not depend on whether the clock ran before this contact was applied (replays, rebuilds).
        int tier = Math.min(ladder.top(), ladder.tierAt(task.dueAt(), contact.occurredAt()) + 1);
        if (current.escalationTier() < tier) {
            record(current.escalated(tier, ladder.queueOf(tier), contact.occurredAt(),
                    "escalated: customer chasing on " + contact.channel()), open, changes);
        } else if (current != task) {
            open.put(current.taskId(), current);
        }
    }

    private FollowUpTask escalateUpTo(FollowUpTask task, Instant at, List<FollowUpTask> changes) {
        FollowUpTask current = task;
        int reached = ladder.tierAt(task.dueAt(), at);
        for (int tier = current.escalationTier() + 1; tier <= reached; tier++) {
            current = current.escalated(tier, ladder.queueOf(tier), ladder.reachedAt(task.dueAt(), tier),
                    "escalated: overdue (tier " + tier + ")");
            changes.add(current);
        }
        return current;
    }

    private static void record(FollowUpTask version, Map<UUID, FollowUpTask> open, List<FollowUpTask> changes) {
        changes.add(version);
        if (version.isOpen()) {
            open.put(version.taskId(), version);
        } else {
            open.remove(version.taskId());
        }
    }
}
