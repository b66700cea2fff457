package io.omnirouter.history.export.web;

import io.omnirouter.history.consent.web.PurposeConsent;
import io.omnirouter.history.conversation.web.ThreadResponse;
import io.omnirouter.history.customer.web.CustomerResponse;
import io.omnirouter.history.erasure.model.ErasedCustomer;
import io.omnirouter.history.export.model.CustomerExport;
import io.omnirouter.history.followup.web.TaskResponse;
import io.omnirouter.history.note.web.NoteResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
                              CustomerResponse profile, List<ThreadResponse.Item> contacts, List<TaskResponse> tasks,
                              List<NoteResponse> notes, List<PurposeConsent> consents, Erased erased) {

    /**
     * That the person was erased, and when: all that is held of an erased customer (docs/personal-data.md, "Erasure").
     *
     * @param erasedAs the customer the erasure erased (the one asked about, or the one it had been merged into)
     */
    record Erased(Instant erasedAt, UUID erasedAs, UUID actionId, Map<String, Integer> contactsByChannel) {
    }

    /** The export of an erased customer: nothing but that it was erased. */
    static CustomerExportResponse of(ErasedCustomer stub, Instant exportedAt) {
        return new CustomerExportResponse(CustomerExport.SCHEMA_VERSION, exportedAt, stub.customerId(), List.of(), null,
                List.of(), List.of(), List.of(), List.of(),
                new Erased(stub.erasedAt(), stub.erasedAs(), stub.actionId(), stub.contactsByChannel()));
    }

    static CustomerExportResponse of(CustomerExport export) {
        return new CustomerExportResponse(CustomerExport.SCHEMA_VERSION, export.exportedAt(), export.customerId(),
                export.mergedCustomerIds(), CustomerResponse.of(export.profile()),
                export.contacts().stream().map(ThreadResponse.Item::of).toList(),
                export.tasks().stream().map(t -> TaskResponse.of(t, export.exportedAt())).toList(),
                export.notes().stream().map(NoteResponse::of).toList(),
                PurposeConsent.everyPurpose(export.consents()), null);
    }
}
