package io.omnirouter.history.followup.model;

/** The orders GET /api/tasks answers in; ties broken by task id, so that a cursor names one position. */
public enum TaskOrder {
    /** Newest first by creation time: what came in lately. */
    NEWEST,
    /** Soonest due first: overdue tasks lead, then by time left. An agent's own work and the queue views. */
    DUE
}
