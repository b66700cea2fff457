package io.omnirouter.history.customer.application;

import io.omnirouter.history.customer.model.AttributedContact;
import io.omnirouter.history.customer.model.ContactFacts;
import io.omnirouter.history.customer.model.ContactIdentity;
import io.omnirouter.history.customer.model.Customer;
import io.omnirouter.history.customer.model.CustomerState;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.customer.model.IdentifierState;
import io.omnirouter.history.customer.model.IdentityState;
import io.omnirouter.history.customer.model.Merge;
import io.omnirouter.history.customer.model.MergeLineage;
import io.omnirouter.history.customer.model.MergeSuppression;
import io.omnirouter.history.customer.model.SharingCleared;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** The identity part of {@link CustomerStore} in maps, for unit tests of the use cases; single-threaded, no locks. */
class InMemoryCustomerStore implements CustomerStore {

    private final Map<UUID, CustomerState> customers = new HashMap<>();
    private final Map<Identifier, IdentifierState> identifiers = new HashMap<>();
    private final Map<UUID, Merge> merges = new HashMap<>();
    private final List<MergeSuppression> suppressions = new ArrayList<>();
    private final Map<UUID, SharingCleared> clearings = new LinkedHashMap<>();
    private final Map<UUID, AttributedContact> contacts = new LinkedHashMap<>();

    /** What ContactStore.insert does in production. */
    void insertContacts(List<ContactIdentity> fresh, Map<UUID, UUID> customerByContact) {
        fresh.forEach(contact -> contacts.put(contact.contactId(), new AttributedContact(contact, customerByContact.get(contact.contactId()))));
    }

    void suppress(Merge merge) {
        suppressions.add(new MergeSuppression(merge.mergeId(), merge.survivorId(), merge.mergedId()));
    }

    IdentityState state() {
        return new IdentityState(List.copyOf(customers.values()), List.copyOf(identifiers.values()), List.copyOf(merges.values()));
    }

    Map<UUID, UUID> customerByContact() {
        return contacts.values().stream().collect(Collectors.toMap(c -> c.identity().contactId(), AttributedContact::customerId));
    }

    @Override
    public void lockIdentifiers(Collection<Identifier> identifiers) {
    }

    @Override
    public void lockCustomers(Collection<UUID> customerIds) {
    }

    @Override
    public List<IdentifierState> identifierStates(Collection<Identifier> wanted) {
        return wanted.stream().distinct().map(identifiers::get).filter(state -> state != null).toList();
    }

    @Override
    public IdentityState heldBy(Collection<UUID> customerIds) {
        Set<UUID> ids = Set.copyOf(customerIds);
        return new IdentityState(
                customers.values().stream().filter(c -> ids.contains(c.customerId()) || (c.merged() && ids.contains(c.mergedInto()))).toList(),
                identifiers.values().stream().filter(i -> ids.contains(i.ownerId())).toList(), List.of());
    }

    @Override
    public IdentityState stateOf(Collection<UUID> customerIds) {
        Set<UUID> ids = Set.copyOf(customerIds);
        return new IdentityState(customers.values().stream().filter(c -> ids.contains(c.customerId())).toList(),
                identifiers.values().stream().filter(i -> ids.contains(i.ownerId())).toList(),
                merges.values().stream().filter(m -> ids.contains(m.mergedId())).toList());
    }

    @Override
    public List<MergeSuppression> suppressionsAmong(Collection<UUID> customerIds) {
        return suppressions.stream().filter(s -> customerIds.contains(s.survivorId()) || customerIds.contains(s.mergedId())).toList();
    }

    @Override
    public List<SharingCleared> clearingsOf(Collection<Identifier> identifiers) {
        return clearings.values().stream().filter(clearing -> identifiers.contains(clearing.identifier())).toList();
    }

    @Override
    public List<AttributedContact> contactsCarrying(Collection<Identifier> carried) {
        return contacts.values().stream().filter(c -> c.identity().identifiers().stream().anyMatch(carried::contains)).toList();
    }

    @Override
    public void apply(IdentityState changes) {
        changes.customers().forEach(c -> customers.put(c.customerId(), c));
        changes.identifiers().forEach(i -> identifiers.put(i.identifier(), i));
        for (Merge merge : changes.merges()) {
            merges.put(merge.mergeId(), merge);
            UUID survivor = customers.get(merge.mergedId()).mergedInto();
            contacts.replaceAll((id, c) -> c.customerId().equals(merge.mergedId()) ? new AttributedContact(c.identity(), survivor) : c);
        }
    }

    @Override
    public void replace(IdentityState before, IdentityState after, Map<UUID, UUID> customerByStoredContact) {
        before.customers().forEach(c -> customers.remove(c.customerId()));
        before.identifiers().forEach(i -> identifiers.remove(i.identifier()));
        before.merges().forEach(m -> merges.remove(m.mergeId()));
        after.customers().forEach(c -> customers.put(c.customerId(), c));
        after.identifiers().forEach(i -> identifiers.put(i.identifier(), i));
        after.merges().forEach(m -> merges.put(m.mergeId(), m));
        customerByStoredContact.forEach((contactId, customerId) ->
                contacts.put(contactId, new AttributedContact(contacts.get(contactId).identity(), customerId)));
    }

    @Override
    public Optional<Customer> findByIdentifier(Identifier identifier) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<UUID> currentIdOf(UUID customerId) {
        return Optional.ofNullable(customers.get(customerId)).map(c -> c.merged() ? c.mergedInto() : c.customerId());
    }

    /** Not used by the identity unit tests (notes read it; NotesIT covers it on PostgreSQL), like the others that throw. */
    @Override
    public java.util.Set<UUID> idsAnsweringWith(UUID currentId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean exists(UUID customerId) {
        return customers.containsKey(customerId);
    }

    @Override
    public Optional<Customer> find(UUID customerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long contactCount(UUID customerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ContactFacts contactFactsOf(UUID customerId, int namesShown) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<MergeLineage> lineageOf(UUID customerId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Merge> merge(UUID mergeId) {
        return Optional.ofNullable(merges.get(mergeId));
    }

    @Override
    public Optional<MergeLineage> undoneMerge(UUID mergeId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void recordUnmerge(Merge merge, Instant undoneAt, String undoneBy) {
        suppress(merge);
    }

    @Override
    public void recordClearing(SharingCleared clearing, String clearedBy) {
        clearings.putIfAbsent(clearing.actionId(), clearing);
    }
}
