package io.omnirouter.history.followup.model;

/** The kinds of promise to a customer (SPEC §6), one per row of the follow-up table. */
public enum TaskType {
    REPLY,
    PROMISED_REPLY,
    CALLBACK,
    CALL_SUMMARY,
    COMPLAINT,
    RECOVERY,
    ORDER_FOLLOW_UP,
    SURVEY,
    THANK_YOU
}
