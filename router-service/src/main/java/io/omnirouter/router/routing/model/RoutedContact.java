package io.omnirouter.router.routing.model;

import io.omnirouter.contact.ContactEvent;
import java.util.List;

/** A channel event turned into the canonical contact, with the non-fatal warnings met on the way. */
public record RoutedContact(ContactEvent contact, List<String> warnings) {
}
