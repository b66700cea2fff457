package io.omnirouter.history.followup.model;

/** Life cycle of a task; every state but OPEN is final. */
public enum TaskStatus {
    /** The promise is still to be kept. */
    OPEN,
    /** An agent marked it done. */
    COMPLETED,
    /** The contact that fulfils it happened (a reply, an answered callback, the written summary). */
    CLOSED,
    /** Another promise replaced it (a REPLY replaced by a PROMISED_REPLY). */
    SUPERSEDED
}
