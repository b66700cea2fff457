package io.omnirouter.history.followup.model;

/** Life cycle of a task; every state but OPEN is final for the contacts known (a re-derivation may revise it). */
public enum TaskStatus {
    /** The promise is still to be kept. */
    OPEN,
    /** An agent marked it done. */
    COMPLETED,
    /** The contact that fulfils it happened (a reply, an answered callback, the written summary). */
    CLOSED,
    /** Another promise replaced it (a REPLY replaced by a PROMISED_REPLY). */
    SUPERSEDED,
    /**
     * It no longer applies: derived again in event-time order (a contact that arrived late, a merge, an
     * unmerge), the customer's contacts do not make this promise. Published as the task's last version; the
     * task leaves follow_up_task, and a later derivation that makes the promise again continues its versions.
     */
    CANCELLED
}
