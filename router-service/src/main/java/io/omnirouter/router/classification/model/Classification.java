package io.omnirouter.router.classification.model;

import io.omnirouter.contact.Intent;
import io.omnirouter.contact.Priority;

/** The router's verdict on a contact: why, how urgent, and which queue works it. */
public record Classification(Intent intent, Priority priority, String queue) {
}
