package io.omnirouter.history.export.web;

import io.omnirouter.history.consent.model.Consent;
import io.omnirouter.history.consent.model.ConsentPurpose;
import io.omnirouter.history.conversation.web.ThreadResponse;
import io.omnirouter.history.customer.web.CustomerResponse;
import io.omnirouter.history.export.model.CustomerExport;
import io.omnirouter.history.followup.model.FollowUpTask;
import io.omnirouter.history.note.web.NoteResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The personal-data export as JSON (docs/personal-data-export.md): each part in the shape the endpoint that shows it
 * answers with, so that the export holds every field the API shows.
 *
 * @param schemaVersion     {@link CustomerExport#SCHEMA_VERSION}
 * @param customerId        the customer as it is now (for the id of a merged customer: the one it was merged into)
 * @param mergedCustomerIds the customers its standing merges merged into it
 * @param profile           as {@code GET /api/customers/{customerId}}: identifiers with {@code shared}, merges and
 *                          unmerges ({@code undone}, {@code undoneAt}), first and last contact, counts
 * @param contacts          every contact, oldest first, as a thread shows it ({@code GET …/threads/{threadKey}}: the
 *                          timeline's fields with the whole {@code text} instead of its excerpt)
 * @param tasks             every follow-up task, oldest first, as {@code GET /api/tasks?customerId=} shows it
 * @param notes             every note, oldest first, as {@code GET /api/customers/{customerId}/notes} shows it
 * @param consents          every purpose, as {@code GET /api/customers/{customerId}/consents} shows it ({@code consents})
 */
record CustomerExportResponse(int schemaVersion, Instant exportedAt, UUID customerId, List<UUID> mergedCustomerIds,
                              CustomerResponse profile, List<ThreadResponse.Item> contacts, List<Task> tasks,
                              List<NoteResponse> notes, List<PurposeConsent> consents) {

    /**
     * A task as {@code GET /api/tasks} shows it (its current version; {@code overdue}: open and past its due time when
     * the export was made). The same fields as followup/web/TaskResponse, which is that package's own;
     * CustomerExportIT compares the two field by field.
     */
    record Task(
            UUID taskId, long version, UUID customerId, String type, String status, UUID triggerContactId, String threadKey,
            String triggerChannel, Instant createdAt, Instant dueAt, String priority, String queue, int escalationTier,
            String assignee, Instant closedAt, UUID closedByContactId, boolean closedLate, Instant changedAt,
            String changeReason, boolean overdue) {

        static Task of(FollowUpTask t, Instant now) {
            return new Task(t.taskId(), t.version(), t.customerId(), t.type().name(), t.status().name(),
                    t.triggerContactId(), t.threadKey(), t.triggerChannel().name(), t.createdAt(), t.dueAt(), t.priority().name(),
                    t.queue(), t.escalationTier(), t.assignee(), t.closedAt(), t.closedByContactId(), t.closedLate(),
                    t.changedAt(), t.changeReason(), t.isOpen() && now.isAfter(t.dueAt()));
        }
    }

    /**
     * A purpose's consent as {@code GET /api/customers/{customerId}/consents} shows it: {@code state} GRANTED, WITHDRAWN or
     * UNKNOWN (never given: the rest null). The same fields as consent/web/ConsentController.PurposeConsent, that
     * package's own; CustomerExportIT compares the two field by field.
     */
    record PurposeConsent(ConsentPurpose purpose, String state, Boolean granted, Instant changedAt, UUID contactId) {

        static PurposeConsent of(ConsentPurpose purpose, Optional<Consent> consent) {
            return consent.map(c -> new PurposeConsent(purpose, c.granted() ? "GRANTED" : "WITHDRAWN", c.granted(), c.changedAt(),
                    c.contactId())).orElseGet(() -> new PurposeConsent(purpose, "UNKNOWN", null, null, null));
        }
    }

    static CustomerExportResponse of(CustomerExport export) {
        return new CustomerExportResponse(CustomerExport.SCHEMA_VERSION, export.exportedAt(), export.customerId(),
                export.mergedCustomerIds(), CustomerResponse.of(export.profile()),
                export.contacts().stream().map(ThreadResponse.Item::of).toList(),
                export.tasks().stream().map(t -> Task.of(t, export.exportedAt())).toList(),
                export.notes().stream().map(NoteResponse::of).toList(),
                Arrays.stream(ConsentPurpose.values()).map(purpose -> PurposeConsent.of(purpose, export.consents().of(purpose))).toList());
    }
}
