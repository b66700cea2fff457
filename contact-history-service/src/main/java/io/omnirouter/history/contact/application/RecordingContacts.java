package io.omnirouter.history.contact.application;

import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.ContactRecorded;
import io.omnirouter.history.shared.event.DomainEvents;
import io.omnirouter.history.customer.application.ResolvingCustomers;
import io.omnirouter.history.customer.model.ContactIdentity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records contacts into the history: each exactly once, attributed to its customer, in one transaction
 * per call, so a redelivered batch changes nothing and a failed one leaves no trace. Each newly stored
 * contact is announced as {@link ContactRecorded} once the transaction has committed.
 */
@Service
public class RecordingContacts {

    private final ContactStore contacts;
    private final ResolvingCustomers resolvingCustomers;
    private final DomainEvents events;

    public RecordingContacts(ContactStore contacts, ResolvingCustomers resolvingCustomers, DomainEvents events) {
        this.contacts = contacts;
        this.resolvingCustomers = resolvingCustomers;
        this.events = events;
    }

    /**
     * @param batch contacts in log order; duplicates (same contact id) are recorded once
     * @return how many contacts were new
     */
    @Transactional
    public int record(List<Contact> batch) {
        return store(batch, true);
    }

    /**
     * Records contacts read again from the log by a rebuild: the same as {@link #record}, but announces
     * nothing (nothing new happened).
     */
    @Transactional
    public int replay(List<Contact> batch) {
        return store(batch, false);
    }

    private int store(List<Contact> batch, boolean announce) {
        Map<UUID, Contact> byId = new LinkedHashMap<>();
        batch.forEach(contact -> byId.putIfAbsent(contact.contactId(), contact));
        if (byId.isEmpty()) {
            return 0;
        }
        List<ContactIdentity> identities = byId.values().stream().map(Contact::identity).toList();
        // Lock before reading: a concurrent transaction with the same identifiers (another partition, another
        // instance, or a zombie consumer during a rebalance) has then either committed everything or not started.
        resolvingCustomers.lockIdentifiersOf(identities);
        Set<UUID> stored = contacts.existing(byId.keySet());
        List<Contact> fresh = byId.values().stream().filter(contact -> !stored.contains(contact.contactId())).toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        Map<UUID, UUID> customerByContact = resolvingCustomers.attribute(fresh.stream().map(Contact::identity).toList(), announce);
        contacts.insert(fresh, customerByContact);
        if (announce) {
            fresh.forEach(contact -> events.publish(new ContactRecorded(contact.contactId(), customerByContact.get(contact.contactId()),
                    contact.channel().name(), contact.direction().name(), contact.kind(), contact.occurredAt(), contact.threadKey())));
        }
        return fresh.size();
    }
}
