package io.omnirouter.history.export.model;

import io.omnirouter.history.consent.model.Consents;
import io.omnirouter.history.conversation.model.ConversationEntry;
import io.omnirouter.history.customer.model.CustomerProfile;
import io.omnirouter.history.customer.model.Uuids;
import io.omnirouter.history.followup.model.FollowUpTask;
import io.omnirouter.history.note.model.CustomerNote;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything the API shows about one customer as it is now, read in one snapshot: what a personal-data export holds
 * (contact-history-service/docs/personal-data-export.md).
 *
 * @param profile           the profile as {@code GET /api/customers/{id}} shows it (identifiers with their shared
 *                          marks, merges and unmerges, the span of the contacts, counts)
 * @param mergedCustomerIds the customers merged into it (or into customers merged into it) by its standing merges,
 *                          in the order of the merges; an undone merge's customer is its own again. (Every contact's
 *                          own would-be customer id, which also answers with the customer, is derived from its contact
 *                          id: not repeated here.)
 * @param contacts          every contact with its whole text, oldest first
 * @param tasks             every follow-up task (its current version), oldest first (creation time, then id)
 * @param notes             every internal note, those written on merged customers included, oldest first
 * @param consents          the customer's consents as they stand (per purpose its latest change, merged customers'
 *                          contacts included)
 */
public record CustomerExport(Instant exportedAt, CustomerProfile profile, List<UUID> mergedCustomerIds,
                             List<ConversationEntry> contacts, List<FollowUpTask> tasks, List<CustomerNote> notes,
                             Consents consents) {

    /** The version of the document's layout: readers check it; a change that is not only an addition increments it. */
    public static final int SCHEMA_VERSION = 1;

    private static final Comparator<FollowUpTask> TASKS_OLDEST_FIRST = Comparator.comparing(FollowUpTask::createdAt,
            Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).thenComparing(FollowUpTask::taskId, Uuids.ORDER);
    private static final Comparator<CustomerNote> NOTES_OLDEST_FIRST = Comparator.comparing(CustomerNote::writtenAt)
            .thenComparing(CustomerNote::noteId, Uuids.ORDER);

    public CustomerExport {
        Objects.requireNonNull(exportedAt, "exportedAt");
        Objects.requireNonNull(profile, "profile");
        mergedCustomerIds = List.copyOf(mergedCustomerIds);
        contacts = List.copyOf(contacts);
        tasks = List.copyOf(tasks);
        notes = List.copyOf(notes);
        Objects.requireNonNull(consents, "consents");
    }

    /**
     * @param contacts oldest first ({@link ExportedContacts#oldestFirst})
     * @param tasks    and {@code notes}: in any order
     */
    public static CustomerExport of(Instant exportedAt, CustomerProfile profile, List<ConversationEntry> contacts,
                                    Collection<FollowUpTask> tasks, Collection<CustomerNote> notes, Consents consents) {
        return new CustomerExport(exportedAt, profile,
                profile.lineage().stream().filter(entry -> !entry.undone()).map(entry -> entry.merge().mergedId()).distinct().toList(),
                contacts, tasks.stream().sorted(TASKS_OLDEST_FIRST).toList(), notes.stream().sorted(NOTES_OLDEST_FIRST).toList(),
                consents);
    }

    public UUID customerId() {
        return profile.customer().customerId();
    }

    @Override
    public String toString() {
        // Texts, names and identifiers are personal data: kept out of logs.
        return "CustomerExport[" + customerId() + " at " + exportedAt + ": " + contacts.size() + " contacts, " + tasks.size()
                + " tasks, " + notes.size() + " notes]";
    }
}
