package io.omnirouter.history.contact.model;

/** Handling priority, as the router classified it. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}
