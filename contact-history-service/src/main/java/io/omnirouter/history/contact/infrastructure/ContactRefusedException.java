package io.omnirouter.history.contact.infrastructure;

import io.omnirouter.history.contact.model.RecordFault;
import io.omnirouter.history.shared.kafka.DeadLetterReason;

/**
 * A contact PostgreSQL refuses to store even on its own, with an error that is the record's fault: the cause a
 * dead letter is described by. Its message is the fault's reason (SQLState and kind of problem); it carries no
 * cause on purpose, since the database's message may quote the refused value and every message of a dead letter's
 * cause chain ends up in its reason header.
 */
class ContactRefusedException extends RuntimeException implements DeadLetterReason {

    private final String sqlState;

    ContactRefusedException(RecordFault fault) {
        super(fault.reason(), null, false, false);
        this.sqlState = fault.sqlState();
    }

    /** {@code REFUSED_BY_DATABASE_<SQLState>}: classes 22, 23 and 54 only, so a few values. */
    @Override
    public String deadLetterReason() {
        return "REFUSED_BY_DATABASE_" + sqlState;
    }
}
