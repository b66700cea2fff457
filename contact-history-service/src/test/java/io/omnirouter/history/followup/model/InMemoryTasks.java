package io.omnirouter.history.followup.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.history.contact.model.Contact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What KeepingPromises does, on an in-memory store: contacts attributed to customers (identity resolution may
 * move them), tasks as stored, cancelled versions remembered, every version as published to followup.tasks. Each
 * change derives the affected customers' tasks again and stores the revisions; the clock escalates stored tasks.
 * Publishing checks followup.tasks' promise as it goes: a (task id, version) only ever with one content, versions
 * growing by one. A new contact that comes after its customer's checkpoint continues the fold from there, as the
 * service does; anything else folds the customers from their first contact.
 */
final class InMemoryTasks {

    private final PromiseKeeping keeping;
    private final Map<UUID, Contact> contacts = new LinkedHashMap<>();
    private final Map<UUID, UUID> customerOfContact = new HashMap<>();
    private final Map<UUID, FollowUpTask> stored = new LinkedHashMap<>();
    private final Map<UUID, Long> cancelled = new HashMap<>();
    private final Map<String, FollowUpTask> published = new HashMap<>();
    private final List<TaskDecision> decisions = new ArrayList<>();
    private final List<AgentAbsence> absences = new ArrayList<>();
    private final Map<UUID, FoldCheckpoint> checkpoints = new HashMap<>();
    /** Stored contacts the follow-up has not claimed yet ({@code followup_pending}). */
    private final Map<UUID, Contact> queued = new LinkedHashMap<>();
    private final boolean continuesCheckpoints;
    /** How many derivations continued a checkpoint: a test of the checkpoints sees that they were used. */
    private int continued;
    /** Of those, how many with a claimed contact that the checkpoint had folded already. */
    private int foldedAlready;
    private Instant now;

    InMemoryTasks(PromiseKeeping keeping, Instant now) {
        this(keeping, now, true);
    }

    /** @param continuesCheckpoints false: every derivation folds from the first contact, as before checkpoints */
    InMemoryTasks(PromiseKeeping keeping, Instant now, boolean continuesCheckpoints) {
        this.keeping = keeping;
        this.now = now;
        this.continuesCheckpoints = continuesCheckpoints;
    }

    /** A contact stored (or redelivered) with {@code customer}; the customer's tasks are derived again. */
    List<FollowUpTask> receive(Contact contact, UUID customer) {
        contacts.putIfAbsent(contact.contactId(), contact);
        UUID former = customerOfContact.put(contact.contactId(), customer);
        FoldCheckpoint checkpoint = checkpoints.get(customer);
        if (continuesCheckpoints && former == null && checkpoint != null && keeping.continues(checkpoint, List.of(contact), absences)) {
            return continueFrom(checkpoint, List.of(contact), customer);
        }
        Set<UUID> affected = new LinkedHashSet<>(List.of(customer));
        if (former != null) {
            affected.add(former);
        }
        return derive(affected);
    }

    /**
     * A contact stored with {@code customer} and queued for the follow-up, as ingest does; its tasks are derived when
     * {@link #claimQueued} claims it. A redelivery of a stored contact is not queued again.
     */
    void store(Contact contact, UUID customer) {
        if (contacts.putIfAbsent(contact.contactId(), contact) == null) {
            customerOfContact.put(contact.contactId(), customer);
            queued.put(contact.contactId(), contact);
        }
    }

    /**
     * The follow-up claims up to {@code limit} queued contacts, earliest event time first, in one batch, as the
     * service's applier does: a customer whose claimed contacts come after its checkpoint or were folded into it
     * continues it with every contact it holds after it, queued ones included; every other customer is folded from
     * its first contact, queued contacts included.
     */
    List<FollowUpTask> claimQueued(int limit) {
        List<Contact> batch = queued.values().stream().sorted(PromiseKeeping.EVENT_TIME_ORDER).limit(limit).toList();
        batch.forEach(contact -> queued.remove(contact.contactId()));
        Map<UUID, List<Contact>> byCustomer = new LinkedHashMap<>();
        batch.forEach(contact -> byCustomer.computeIfAbsent(customerOfContact.get(contact.contactId()), c -> new ArrayList<>()).add(contact));
        List<FollowUpTask> changes = new ArrayList<>();
        Set<UUID> fromTheFirst = new LinkedHashSet<>();
        byCustomer.forEach((customer, claimed) -> {
            FoldCheckpoint checkpoint = checkpoints.get(customer);
            if (continuesCheckpoints && checkpoint != null) {
                boolean allAfter = claimed.stream().allMatch(checkpoint::precedes);
                List<Contact> after = held(customer).stream().filter(checkpoint::precedes).toList();
                boolean folded = allAfter || checkpoint.hasFolded(heldUpTo(checkpoint, customer));
                if (folded && keeping.continues(checkpoint, after, absences)) {
                    foldedAlready += allAfter ? 0 : 1;
                    changes.addAll(continueFrom(checkpoint, after, customer));
                    return;
                }
            }
            fromTheFirst.add(customer);
        });
        if (!fromTheFirst.isEmpty()) {
            changes.addAll(derive(fromTheFirst));
        }
        return changes;
    }

    boolean hasQueued() {
        return !queued.isEmpty();
    }

    /** Identity resolution moved the contacts to {@code customer} (a merge, an unmerge, a re-derivation). */
    List<FollowUpTask> move(List<UUID> contactIds, UUID customer) {
        Set<UUID> affected = new LinkedHashSet<>(List.of(customer));
        contactIds.forEach(id -> affected.add(customerOfContact.put(id, customer)));
        return derive(affected);
    }

    /** The clock at {@code at} (wall time never goes back). */
    List<FollowUpTask> clock(Instant at) {
        now = at.isAfter(now) ? at : now;
        List<FollowUpTask> changes = new ArrayList<>();
        for (FollowUpTask task : List.copyOf(stored.values())) {
            changes.addAll(keeping.onClock(task, now));
        }
        return save(changes);
    }

    /** An agent's decision on a stored open task at the current wall time. */
    List<FollowUpTask> decide(UUID taskId, TaskDecision.Kind kind, String agent) {
        FollowUpTask task = stored.get(taskId);
        assertThat(task).isNotNull();
        assertThat(task.isOpen()).isTrue();
        // Action ids in the order the decisions were taken, as random ids would order them at different instants.
        decisions.add(new TaskDecision(taskId, task.triggerContactId(), kind, agent, now, new UUID(0, decisions.size() + 1)));
        return derive(new LinkedHashSet<>(List.of(task.customerId())));
    }

    void absent(AgentAbsence absence) {
        absences.add(absence);
    }

    int continued() {
        return continued;
    }

    int foldedAlready() {
        return foldedAlready;
    }

    /** Every version published to followup.tasks, by "task id:version". */
    Map<String, FollowUpTask> published() {
        return Map.copyOf(published);
    }

    Instant now() {
        return now;
    }

    /** The stored tasks, latest version of each. */
    List<FollowUpTask> tasks() {
        return List.copyOf(stored.values());
    }

    /** Every customer's tasks derived from scratch, in event-time order, at the current wall time. */
    List<FollowUpTask> derivedFromScratch() {
        List<FollowUpTask> all = new ArrayList<>();
        // A task whose derivation ends cancelled (its consent withdrawn) is not stored, as in the service.
        new LinkedHashSet<>(customerOfContact.values()).forEach(customer -> keeping.derive(customer, held(customer),
                        decisionsOn(customer), absences, now).latest().stream()
                .filter(task -> task.status() != TaskStatus.CANCELLED).forEach(all::add));
        return all;
    }

    /** The published versions of a task, in order. */
    List<FollowUpTask> publishedVersionsOf(UUID taskId) {
        return published.values().stream().filter(v -> v.taskId().equals(taskId))
                .sorted(Comparator.comparingLong(FollowUpTask::version)).toList();
    }

    private DerivedTasks derivation(UUID customer) {
        PromiseKeeping.Derivation derivation = keeping.derivation(customer, held(customer), decisionsOn(customer), absences, now);
        derivation.checkpoint().ifPresentOrElse(checkpoint -> checkpoints.put(customer, checkpoint), () -> checkpoints.remove(customer));
        return derivation.tasks();
    }

    private List<Contact> held(UUID customer) {
        return contacts.values().stream().filter(c -> customer.equals(customerOfContact.get(c.contactId()))).toList();
    }

    private List<TaskDecision> decisionsOn(UUID customer) {
        Set<UUID> heldIds = new LinkedHashSet<>();
        held(customer).forEach(c -> heldIds.add(c.contactId()));
        return decisions.stream().filter(d -> heldIds.contains(d.triggerContactId())).toList();
    }

    private FoldedContacts heldUpTo(FoldCheckpoint checkpoint, UUID customer) {
        return FoldedContacts.of(held(customer).stream().filter(c -> !checkpoint.precedes(c)).map(Contact::contactId).toList());
    }

    /** As the service does for a customer whose claimed contacts come after its checkpoint or were folded into it. */
    private List<FollowUpTask> continueFrom(FoldCheckpoint checkpoint, List<Contact> newer, UUID customer) {
        continued++;
        PromiseKeeping.Derivation derivation = keeping.continueFrom(checkpoint, customer, newer, decisionsOn(customer),
                absences, now);
        derivation.checkpoint().ifPresent(next -> checkpoints.put(customer, next));
        DerivedTasks derived = derivation.tasks();
        List<FollowUpTask> inScope = stored.values().stream().filter(t -> derived.histories().containsKey(t.taskId())).toList();
        return save(TaskRevisions.between(inScope, cancelled, derived, now));
    }

    private List<FollowUpTask> derive(Set<UUID> affected) {
        // As the service does: the stored tasks of the customers, and the customers holding those tasks' triggers.
        Set<UUID> customers = new LinkedHashSet<>(affected);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (FollowUpTask task : stored.values()) {
                UUID holder = customerOfContact.get(task.triggerContactId());
                if (customers.contains(task.customerId()) && holder != null && customers.add(holder)) {
                    grew = true;
                }
            }
        }
        List<DerivedTasks> parts = customers.stream().map(this::derivation).toList();
        DerivedTasks derived = DerivedTasks.of(parts);
        List<FollowUpTask> inScope = stored.values().stream()
                .filter(t -> customers.contains(t.customerId()) || derived.histories().containsKey(t.taskId())).toList();
        return save(TaskRevisions.between(inScope, cancelled, derived, now));
    }

    private List<FollowUpTask> save(List<FollowUpTask> versions) {
        for (FollowUpTask version : versions) {
            long last = stored.containsKey(version.taskId()) ? stored.get(version.taskId()).version()
                    : cancelled.getOrDefault(version.taskId(), 0L);
            assertThat(version.version()).as("versions of %s grow by one", version.taskId()).isEqualTo(last + 1);
            FollowUpTask before = published.putIfAbsent(version.taskId() + ":" + version.version(), version);
            assertThat(before).as("%s v%d published once", version.taskId(), version.version()).isNull();
            if (version.status() == TaskStatus.CANCELLED) {
                stored.remove(version.taskId());
                cancelled.put(version.taskId(), version.version());
            } else {
                stored.put(version.taskId(), version);
                cancelled.remove(version.taskId());
            }
        }
        return versions;
    }
}
