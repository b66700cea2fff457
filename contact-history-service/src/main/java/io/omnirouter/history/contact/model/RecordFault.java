package io.omnirouter.history.contact.model;

import java.util.Objects;

/**
 * Why PostgreSQL refuses to store a contact, as far as it can be the record's own fault: the SQLState and the
 * kind of problem, never the refused value (it may be personal data).
 *
 * @param sqlState the five-character SQLState PostgreSQL answered with, e.g. {@code 54000}
 * @param problem  what that SQLState means, in words, e.g. "program limit exceeded: a value too large for an
 *                 index entry or another limit of PostgreSQL"
 */
public record RecordFault(String sqlState, String problem) {

    public RecordFault {
        Objects.requireNonNull(sqlState, "sqlState");
        Objects.requireNonNull(problem, "problem");
    }

    /** The dead letter's reason. */
    public String reason() {
        return "PostgreSQL refuses to store this contact, even on its own: SQLState " + sqlState + ", " + problem;
    }
}
