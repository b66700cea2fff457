package io.omnirouter.history.rebuild.application;

/** This instance's live consumption of contact.events. */
public interface LiveIngest {

    /** Stops consuming once the batch in hand is stored and its offsets committed. */
    void stop();

    /** Consumes again from the group's committed offsets. */
    void start();
}
