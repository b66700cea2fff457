package io.omnirouter.history.contact.infrastructure;

import io.omnirouter.history.contact.model.RecordFault;

/**
 * A contact PostgreSQL refuses to store even on its own, with an error that is the record's fault: the cause a
 * dead letter is described by. Its message is the fault's reason (SQLState and kind of problem); it carries no
 * cause on purpose, since the database's message may quote the refused value and every message of a dead letter's
 * cause chain ends up in its reason header.
 */
class ContactRefusedException extends RuntimeException {

    ContactRefusedException(RecordFault fault) {
        super(fault.reason(), null, false, false);
    }
}
