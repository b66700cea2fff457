package io.omnirouter.history.customer.application;

import io.omnirouter.history.customer.model.ContactIdentity;
import io.omnirouter.history.customer.model.CustomerResolution;
import io.omnirouter.history.customer.model.Identifier;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Attributes contacts to customers (see {@link CustomerResolution}) and stores what that decided. */
@Service
public class ResolvingCustomers {

    private final CustomerStore customers;

    public ResolvingCustomers(CustomerStore customers) {
        this.customers = customers;
    }

    /**
     * Step one, before the caller reads anything it decides on: locks every identifier the contacts
     * carry until the caller's transaction ends.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockIdentifiersOf(Collection<ContactIdentity> contacts) {
        customers.lockIdentifiers(identifiersOf(contacts));
    }

    /**
     * Step two: attributes each contact, in order, to its customer, creating customers and adding
     * identifiers as needed. The identifiers must have been locked by {@link #lockIdentifiersOf}.
     *
     * @return contact id to customer id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, UUID> attribute(List<ContactIdentity> contacts) {
        CustomerResolution resolution = CustomerResolution.startingFrom(customers.ownersOf(identifiersOf(contacts)));
        Map<UUID, UUID> customerByContact = new LinkedHashMap<>();
        for (ContactIdentity contact : contacts) {
            customerByContact.put(contact.contactId(), resolution.attribute(contact));
        }
        customers.apply(resolution.changes());
        return customerByContact;
    }

    private static Set<Identifier> identifiersOf(Collection<ContactIdentity> contacts) {
        Set<Identifier> identifiers = new LinkedHashSet<>();
        contacts.forEach(contact -> identifiers.addAll(contact.identifiers()));
        return identifiers;
    }
}
