package io.omnirouter.history.rebuild.application;

/** The tables derived from contact.events. */
public interface Projections {

    /**
     * Empties every table derived from the log (contacts, customers, identifiers, merges); keeps the
     * decisions that are not in the log (undone merges, agents' decisions on tasks) and the follow-up tasks as
     * published (derived again afterwards, they change only where the log says otherwise).
     */
    void truncate();

    /**
     * Holds the follow-up still until the hold is closed (on every instance): tasks are derived again once all
     * contacts are recorded again, not from the half-filled history in between. Waits for derivations running now.
     */
    Hold holdFollowUp();

    /** A hold on derived work; closing it releases it. */
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }
}
