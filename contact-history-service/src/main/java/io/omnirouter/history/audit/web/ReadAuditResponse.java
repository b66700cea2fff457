package io.omnirouter.history.audit.web;

import io.omnirouter.history.audit.model.CustomerRead;
import io.omnirouter.history.audit.model.ReadAuditCursor;
import io.omnirouter.history.audit.model.ReadAuditPage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One page of the read audit, newest first.
 *
 * @param nextCursor pass it back as {@code cursor} for the next page; null on the last page
 */
record ReadAuditResponse(List<Read> reads, String nextCursor) {

    /**
     * @param actor    the user who read
     * @param endpoint method and route template, e.g. {@code GET /api/customers/{customerId}/timeline}
     * @param asOf     the past instant of an as-of read; null for a read of the present
     * @param instance the instance that answered
     */
    record Read(Instant readAt, String actor, List<String> roles, UUID customerId, String endpoint, Instant asOf, String instance) {

        static Read of(CustomerRead read) {
            return new Read(read.readAt(), read.actor(), read.roles(), read.customerId(), read.endpoint(), read.asOf(),
                    read.instanceId());
        }
    }

    static ReadAuditResponse of(ReadAuditPage page) {
        return new ReadAuditResponse(page.items().stream().map(recorded -> Read.of(recorded.read())).toList(),
                page.next().map(ReadAuditCursor::encode).orElse(null));
    }
}
