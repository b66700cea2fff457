package io.omnirouter.history.contact.model;

/** INBOUND from the customer, OUTBOUND to the customer. */
public enum Direction {
    INBOUND, OUTBOUND
}
