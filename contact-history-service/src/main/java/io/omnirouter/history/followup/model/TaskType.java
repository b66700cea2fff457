package io.omnirouter.history.followup.model;

/** The kinds of promise to a customer, one per row of the table in contact-history-service/docs/follow-up-policy.md. */
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
