package io.omnirouter.history.audit.application;

import io.omnirouter.history.audit.model.CustomerRead;
import io.omnirouter.history.audit.model.ReadAuditCursor;
import io.omnirouter.history.audit.model.RecordedRead;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Where the read audit is kept. */
public interface ReadAudit {

    /** Keeps the reads, in one statement (one request's reads). */
    void record(List<CustomerRead> reads);

    /**
     * Reads newest first (readAt, then id), after the cursor if one is given, at most {@code limit}.
     *
     * @param customerIds only reads of these customers, or null for any
     * @param actor       only reads by this user, or null for anyone (at least one of the two is given)
     */
    List<RecordedRead> reads(Set<UUID> customerIds, String actor, Optional<ReadAuditCursor> after, int limit);
}
