package io.omnirouter.history.customer.model;

import java.util.Map;
import java.util.UUID;

/**
 * Application event: re-deriving a component (a contact that arrived late, an unmerge) moved stored contacts to
 * other customers (published after the transaction committed). What hangs on those contacts follows them.
 *
 * @param customerByContact each moved contact's new customer
 */
public record ContactsReattributed(Map<UUID, UUID> customerByContact) {

    public ContactsReattributed {
        customerByContact = Map.copyOf(customerByContact);
    }
}
