package io.omnirouter.history.rebuild.application;

/** The tables derived from contact.events. */
public interface Projections {

    /**
     * Empties every table derived from the log (contacts, customers, identifiers, merges); keeps the
     * decisions that are not in the log (undone merges).
     */
    void truncate();
}
