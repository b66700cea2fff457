package io.omnirouter.history.followup.model;

import io.omnirouter.history.contact.model.Priority;
import java.time.Instant;

/** A rule's decision that a contact creates a promise: which, due when, in which queue, and why. */
public record Opening(TaskType type, Instant dueAt, Priority priority, String queue, String reason) {
}
