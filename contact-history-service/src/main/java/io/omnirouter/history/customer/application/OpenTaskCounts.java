package io.omnirouter.history.customer.application;

import java.util.UUID;

/**
 * How many follow-up tasks a customer has open: the follow-up feature keeps the tasks and answers this for the
 * customer profile (a port, so that the customer feature does not read the follow-up's tables).
 */
public interface OpenTaskCounts {

    /** Open tasks of the customer, those of customers merged into it included; joins the caller's transaction. */
    long openTasksOf(UUID customerId);
}
