package io.omnirouter.history.customer.application;

import io.omnirouter.history.shared.event.DomainEvents;
import io.omnirouter.history.customer.model.AttributedContact;
import io.omnirouter.history.customer.model.ContactIdentity;
import io.omnirouter.history.customer.model.ContactsReattributed;
import io.omnirouter.history.customer.model.CustomersMerged;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.customer.model.IdentifierState;
import io.omnirouter.history.customer.model.IdentityResolution;
import io.omnirouter.history.customer.model.IdentityState;
import io.omnirouter.history.customer.model.Merge;
import io.omnirouter.history.customer.model.MergeProtection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Attributes contacts to customers with {@link IdentityResolution} and stores what it decided, so that the
 * stored state is always what applying all stored contacts in event-time order gives, whatever order they
 * arrived in:
 * <ul>
 *   <li>a contact that comes after everything its identifiers' customers already reflect continues the
 *       stored state (the usual case, a few queries per batch);</li>
 *   <li>a contact that arrived late (another partition was faster, a rebuild, a redelivery after a
 *       rebalance) has its whole component, i.e. every stored contact connected to it through identifiers,
 *       re-derived from the stored contacts.</li>
 * </ul>
 * Merges found are published as {@link CustomersMerged} once the transaction commits.
 */
@Service
public class ResolvingCustomers {

    private final CustomerStore customers;
    private final MergeProtection protection;
    private final DomainEvents events;

    @Autowired
    public ResolvingCustomers(CustomerStore customers, IdentityProperties properties, DomainEvents events) {
        this(customers, properties.protection(), events);
    }

    ResolvingCustomers(CustomerStore customers, MergeProtection protection, DomainEvents events) {
        this.customers = customers;
        this.protection = protection;
        this.events = events;
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
     * Step two: attributes each contact to its customer, creating, attaching, merging and marking shared
     * as the rules say. The identifiers must have been locked by {@link #lockIdentifiersOf}; the contacts
     * must not be stored yet (the caller stores them afterwards, with the customers returned).
     *
     * @param announce whether to publish the merges found (not during a rebuild)
     * @return contact id to customer id, for every contact given
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, UUID> attribute(List<ContactIdentity> contacts, boolean announce) {
        List<ContactIdentity> ordered = contacts.stream().sorted(ContactIdentity.EVENT_TIME_ORDER).toList();
        Set<UUID> rederived = new HashSet<>();
        Map<UUID, UUID> customerByContact = new HashMap<>();
        while (true) {
            List<ContactIdentity> inOrder = ordered.stream().filter(contact -> !rederived.contains(contact.contactId())).toList();
            IdentityResolution resolution = continuingFromStore(inOrder);
            List<ContactIdentity> late = new ArrayList<>();
            for (ContactIdentity contact : inOrder) {
                if (resolution.isLate(contact)) {
                    late.add(contact);
                } else {
                    resolution.apply(contact);
                }
            }
            if (late.isEmpty()) {
                resolution.finish();
                IdentityState changes = resolution.changes();
                customers.apply(changes);
                announceMerges(changes.merges(), announce);
                customerByContact.putAll(resolution.customerByContact());
                break;
            }
            // Everything of the batch connected to a late contact is re-derived with it; the rest continues.
            component(identifiersOf(late), ordered).fresh().forEach(contact -> rederived.add(contact.contactId()));
        }
        if (!rederived.isEmpty()) {
            List<ContactIdentity> fresh = ordered.stream().filter(contact -> rederived.contains(contact.contactId())).toList();
            customerByContact.putAll(rederive(identifiersOf(fresh), fresh, announce));
        }
        return customerByContact;
    }

    /**
     * Re-derives the component of stored contacts connected to {@code seed} (after an unmerge or a clearing): locks
     * it, applies its contacts and clearings in event-time order with every undone merge suppressed, and replaces its
     * state; announcing the contacts moved and the merges found unless a rebuild replays the decision.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void rederive(Collection<Identifier> seed, boolean announce) {
        rederive(new LinkedHashSet<>(seed), List.of(), announce);
    }

    private IdentityResolution continuingFromStore(List<ContactIdentity> contacts) {
        Set<UUID> owners = lockOwnersOf(identifiersOf(contacts));
        IdentityState known = customers.heldBy(owners);
        // Undone merges among the stored customers, and among those the contacts may create (a rebuild
        // replays both customers of an undone merge, possibly in one batch).
        Set<UUID> involved = new HashSet<>();
        known.customers().forEach(customer -> involved.add(customer.customerId()));
        contacts.forEach(contact -> involved.add(IdentityResolution.newCustomerIdFor(contact.contactId())));
        return IdentityResolution.continuing(known, customers.suppressionsAmong(involved),
                customers.clearingsOf(identifiersOf(contacts)), protection);
    }

    /** Locks the customers owning the identifiers, again until what is read under the locks holds still. */
    private Set<UUID> lockOwnersOf(Set<Identifier> identifiers) {
        Set<UUID> locked = new HashSet<>();
        while (true) {
            Set<UUID> owners = customers.identifierStates(identifiers).stream().map(IdentifierState::ownerId)
                    .collect(Collectors.toSet());
            if (locked.containsAll(owners)) {
                return owners;
            }
            owners.removeAll(locked);
            customers.lockCustomers(owners);
            locked.addAll(owners);
        }
    }

    private Map<UUID, UUID> rederive(Set<Identifier> seed, List<ContactIdentity> fresh, boolean announce) {
        Set<UUID> locked = new HashSet<>();
        Component component;
        while (true) {
            component = component(seed, fresh);
            Set<UUID> involved = component.customerIds();
            if (locked.containsAll(involved)) {
                break;
            }
            involved.removeAll(locked);
            customers.lockCustomers(involved);
            locked.addAll(involved);
        }
        IdentityResolution resolution = IdentityResolution.rederiving(customers.suppressionsAmong(locked),
                customers.clearingsOf(component.identifiers()), protection);
        component.all().stream().sorted(ContactIdentity.EVENT_TIME_ORDER).forEach(resolution::apply);
        resolution.finish();
        Map<UUID, UUID> derived = resolution.customerByContact();

        IdentityState before = customers.stateOf(locked);
        IdentityState after = resolution.snapshot();
        Map<UUID, UUID> moved = new LinkedHashMap<>();
        for (AttributedContact stored : component.stored()) {
            UUID now = derived.get(stored.identity().contactId());
            if (!now.equals(stored.customerId())) {
                moved.put(stored.identity().contactId(), now);
            }
        }
        customers.replace(before, after, moved);
        if (announce && !moved.isEmpty()) {
            events.publish(new ContactsReattributed(moved));
        }
        Set<UUID> mergedBefore = before.merges().stream().map(Merge::mergeId).collect(Collectors.toSet());
        announceMerges(after.merges().stream().filter(merge -> !mergedBefore.contains(merge.mergeId())).toList(), announce);

        Map<UUID, UUID> customerByFreshContact = new HashMap<>();
        component.fresh().forEach(contact -> customerByFreshContact.put(contact.contactId(), derived.get(contact.contactId())));
        return customerByFreshContact;
    }

    /**
     * The contacts (stored, and of {@code candidates} not stored yet) connected to the seed identifiers
     * through identifiers they carry, whoever holds them: the unit identity resolution decides on.
     */
    private Component component(Set<Identifier> seed, List<ContactIdentity> candidates) {
        Set<Identifier> reached = new LinkedHashSet<>(seed);
        Set<Identifier> frontier = new LinkedHashSet<>(seed);
        Map<UUID, AttributedContact> stored = new LinkedHashMap<>();
        Map<UUID, ContactIdentity> fresh = new LinkedHashMap<>();
        while (!frontier.isEmpty()) {
            List<ContactIdentity> found = new ArrayList<>();
            for (AttributedContact contact : customers.contactsCarrying(frontier)) {
                if (stored.putIfAbsent(contact.identity().contactId(), contact) == null) {
                    found.add(contact.identity());
                }
            }
            for (ContactIdentity candidate : candidates) {
                if (!fresh.containsKey(candidate.contactId()) && candidate.identifiers().stream().anyMatch(frontier::contains)) {
                    fresh.put(candidate.contactId(), candidate);
                    found.add(candidate);
                }
            }
            frontier = new LinkedHashSet<>();
            for (ContactIdentity contact : found) {
                for (Identifier identifier : contact.identifiers()) {
                    if (reached.add(identifier)) {
                        frontier.add(identifier);
                    }
                }
            }
        }
        return new Component(List.copyOf(stored.values()), List.copyOf(fresh.values()), reached);
    }

    private record Component(List<AttributedContact> stored, List<ContactIdentity> fresh, Set<Identifier> identifiers) {

        List<ContactIdentity> all() {
            List<ContactIdentity> all = new ArrayList<>(fresh);
            stored.forEach(contact -> all.add(contact.identity()));
            return all;
        }

        /**
         * Every customer the component's contacts created or may create (customer ids derive from the
         * creating contact) or are held by: those to lock, and those whose undone merges apply.
         */
        Set<UUID> customerIds() {
            Set<UUID> ids = new HashSet<>();
            for (AttributedContact contact : stored) {
                ids.add(contact.customerId());
                ids.add(IdentityResolution.newCustomerIdFor(contact.identity().contactId()));
            }
            fresh.forEach(contact -> ids.add(IdentityResolution.newCustomerIdFor(contact.contactId())));
            return ids;
        }
    }

    private void announceMerges(List<Merge> merges, boolean announce) {
        if (announce) {
            merges.forEach(merge -> events.publish(new CustomersMerged(merge.mergeId(), merge.survivorId(), merge.mergedId(),
                    merge.causeContactId(), merge.mergedAt())));
        }
    }

    private static Set<Identifier> identifiersOf(Collection<ContactIdentity> contacts) {
        Set<Identifier> identifiers = new LinkedHashSet<>();
        contacts.forEach(contact -> identifiers.addAll(contact.identifiers()));
        return identifiers;
    }
}
