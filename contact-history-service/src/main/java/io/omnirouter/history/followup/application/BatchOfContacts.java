package io.omnirouter.history.followup.application;

import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.customer.model.Uuids;
import io.omnirouter.history.followup.application.FollowUpStore.Absence;
import io.omnirouter.history.followup.application.FollowUpStore.HandledContact;
import io.omnirouter.history.followup.application.FollowUpStore.PendingContact;
import io.omnirouter.history.followup.model.FollowUpTask;
import io.omnirouter.history.followup.model.HandlerContinuity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What applying one claimed batch of contacts reads about its customers, read at once (four queries, whatever
 * the batch's size) under the customers' locks, and kept current as the batch's contacts are applied in order:
 * each contact sees exactly what it would have seen had the contacts before it been stored one by one.
 */
final class BatchOfContacts {

    /** The order the store reads open tasks in. */
    private static final Comparator<FollowUpTask> AS_STORED =
            Comparator.comparing(FollowUpTask::createdAt).thenComparing(FollowUpTask::taskId, Uuids.ORDER);

    private final Map<UUID, List<FollowUpTask>> openTasks;
    /** Per customer: its stored contacts from the earliest of the batch on (the batch's own included). */
    private final Map<UUID, List<Contact>> contactsFromEarliest;
    private final Map<UUID, HandledContact> handledBeforeEarliest;
    private final List<Absence> absences;

    private BatchOfContacts(Map<UUID, List<FollowUpTask>> openTasks, Map<UUID, List<Contact>> contactsFromEarliest,
                            Map<UUID, HandledContact> handledBeforeEarliest, List<Absence> absences) {
        this.openTasks = new HashMap<>(openTasks);
        this.contactsFromEarliest = contactsFromEarliest;
        this.handledBeforeEarliest = handledBeforeEarliest;
        this.absences = absences;
    }

    /** Reads what the batch needs; the customers must be locked. */
    static BatchOfContacts read(List<PendingContact> batch, FollowUpStore store) {
        Map<UUID, Instant> earliest = new LinkedHashMap<>();
        Instant first = null;
        Instant last = null;
        for (PendingContact pending : batch) {
            Instant at = pending.contact().occurredAt();
            earliest.merge(pending.customerId(), at, (a, b) -> a.isBefore(b) ? a : b);
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
        }
        return new BatchOfContacts(store.openTasksOf(earliest.keySet()), store.contactsFrom(earliest),
                store.lastHandledAtOrBefore(earliest), store.absencesBetween(first, last));
    }

    List<FollowUpTask> openTasks(UUID customerId) {
        return openTasks.getOrDefault(customerId, List.of());
    }

    /** The customer's stored contacts that happened at or after {@code contact}, other than itself. */
    List<Contact> contactsFrom(Contact contact, UUID customerId) {
        return contactsFromEarliest.getOrDefault(customerId, List.of()).stream()
                .filter(other -> !other.occurredAt().isBefore(contact.occurredAt()) && !other.contactId().equals(contact.contactId()))
                .toList();
    }

    /** Who last handled the customer at the contact's time, and who is away then. */
    HandlerContinuity continuity(Contact contact, UUID customerId) {
        Instant at = contact.occurredAt();
        HandledContact latest = handledBeforeEarliest.get(customerId);
        for (Contact stored : contactsFromEarliest.getOrDefault(customerId, List.of())) {
            if (stored.agentId() != null && !stored.occurredAt().isAfter(at)) {
                HandledContact handled = new HandledContact(stored.agentId(), stored.occurredAt(), stored.contactId());
                latest = latest == null || HandledContact.EVENT_TIME_ORDER.compare(handled, latest) > 0 ? handled : latest;
            }
        }
        Set<String> absent = absences.stream().filter(absence -> absence.covers(at)).map(Absence::agentId).collect(Collectors.toSet());
        return new HandlerContinuity(latest == null ? null : latest.agentId(), absent);
    }

    /** Takes the new versions a contact produced into account for the contacts after it. */
    void changed(UUID customerId, List<FollowUpTask> versions) {
        if (versions.isEmpty()) {
            return;
        }
        Map<UUID, FollowUpTask> open = new LinkedHashMap<>();
        openTasks(customerId).forEach(task -> open.put(task.taskId(), task));
        for (FollowUpTask version : versions) {
            if (version.isOpen()) {
                open.put(version.taskId(), version);
            } else {
                open.remove(version.taskId());
            }
        }
        List<FollowUpTask> ordered = new ArrayList<>(open.values());
        ordered.sort(AS_STORED);
        openTasks.put(customerId, ordered);
    }
}
