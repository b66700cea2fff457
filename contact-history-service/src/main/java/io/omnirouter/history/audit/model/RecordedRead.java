package io.omnirouter.history.audit.model;

import java.util.Objects;

/** A read as the audit stored it, with its row id: the position of the next page after it. */
public record RecordedRead(long id, CustomerRead read) {

    public RecordedRead {
        Objects.requireNonNull(read, "read");
    }

    public ReadAuditCursor cursorAfter() {
        return new ReadAuditCursor(read.readAt(), id);
    }
}
