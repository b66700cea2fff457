package io.omnirouter.history.contact.model;

/** Why the customer is in contact, as the router classified it. */
public enum Intent {
    COMPLAINT, ORDER, QUESTION, FEEDBACK, OTHER
}
