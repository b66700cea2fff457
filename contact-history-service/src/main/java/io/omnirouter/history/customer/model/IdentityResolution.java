package io.omnirouter.history.customer.model;

import io.omnirouter.identifiers.IdentifierType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Identity resolution (contact-history-service/docs/identity-resolution-and-rebuild.md): attributes contacts to customers, one contact at a time,
 * in event-time order ({@link ContactKey}). Applying a contact:
 * <ol>
 *   <li>Its identifiers nobody owns yet are <em>unknown</em>; those owned and not shared are <em>linking</em>.</li>
 *   <li>{@link MergeProtection#identifierSeenWithTooManyCustomersIsShared}: a linking identifier that would
 *       now have been presented with too many distinct customers is marked shared and stops linking.</li>
 *   <li>The remaining links are weighed strongest first ({@link LinkStrength}); each brings its owner into
 *       the contact's group of customers unless
 *       <ul>
 *         <li>a supervisor undid a merge between the two sides ({@link MergeSuppression}): the link is
 *             ignored for this contact, nothing is marked;</li>
 *         <li>the group would then break {@link MergeProtection#shopAccountsNeverMerge} or
 *             {@link MergeProtection#identifierLimitPerCustomer} (counting the contact's unknown
 *             identifiers too): the identifier is marked shared and ignored from then on.</li>
 *       </ul></li>
 *   <li>No customer in the group: the contact creates one (its id derived from the contact). One: the
 *       contact is that customer's. Several: they are merged into the one with the earliest first contact
 *       (tie: the smaller id in {@link Uuids#ORDER}); each merge is recorded with the contact as its cause,
 *       and the merged customers' identifiers go to the survivor.</li>
 *   <li>The unknown identifiers become the contact's customer's.</li>
 * </ol>
 * A supervisor's clearing of a shared identifier ({@link SharingCleared}) has its place in the same order: applied
 * before the first contact that comes after it (or by {@link #finish()}), it makes the identifier link again, having
 * forgotten the customers it was seen with; the rules above then decide on the contacts after it as on any.
 *
 * <p><b>Determinism.</b> Applying the same contacts in event-time order always gives the same state, and
 * the result restricted to a <em>component</em> (contacts connected through shared identifier values)
 * depends only on that component's contacts: a contact reads and changes only the state of its own
 * identifiers and their owners. A resolution can continue from a stored part of the state ({@link #continuing})
 * as long as every contact it applies comes after everything that state already reflects; {@link #isLate}
 * tells when that is not so, and then the caller re-derives the contact's whole component
 * ({@link #rederiving}) instead.
 *
 * <p>Not thread-safe; one instance per batch or per re-derivation.
 */
public final class IdentityResolution {

    private static final Comparator<Customer> SURVIVOR_FIRST =
            Comparator.comparing((Customer customer) -> customer.firstContactAt).thenComparing(customer -> customer.id, Uuids.ORDER);

    private final MergeProtection protection;
    private final Map<Identifier, KnownIdentifier> identifiers = new HashMap<>();
    private final Map<UUID, Customer> customers = new HashMap<>();
    private final Set<Pair> suppressed = new HashSet<>();
    private final Map<Identifier, List<SharingCleared>> clearings = new HashMap<>();
    private final List<Merge> merges = new ArrayList<>();
    private final List<Merge> newMerges = new ArrayList<>();
    private final Map<UUID, UUID> customerByContact = new LinkedHashMap<>();
    private final Set<Identifier> changedIdentifiers = new LinkedHashSet<>();
    private final Set<UUID> changedCustomers = new LinkedHashSet<>();

    private IdentityResolution(IdentityState known, Collection<MergeSuppression> suppressions,
                               Collection<SharingCleared> clearings, MergeProtection protection) {
        this.protection = Objects.requireNonNull(protection, "protection");
        for (CustomerState state : known.customers()) {
            customers.put(state.customerId(), new Customer(state));
        }
        for (IdentifierState state : known.identifiers()) {
            identifiers.put(state.identifier(), new KnownIdentifier(state));
            customer(state.ownerId()).owned.add(state.identifier());
        }
        for (CustomerState state : known.customers()) {
            if (state.merged() && customers.containsKey(state.mergedInto())) {
                customers.get(state.mergedInto()).members.add(state.customerId());
            }
        }
        merges.addAll(known.merges());
        suppressions.forEach(suppression -> suppressed.add(Pair.of(suppression.survivorId(), suppression.mergedId())));
        clearings.stream().sorted(Comparator.comparing(SharingCleared::key))
                .forEach(clearing -> this.clearings.computeIfAbsent(clearing.identifier(), identifier -> new ArrayList<>()).add(clearing));
    }

    /**
     * Continues from stored state: {@code known} must hold every identifier the contacts to come carry
     * (those stored), their owners with all the identifiers they own, and the customers merged into those.
     * {@code clearings} are those of the identifiers the contacts carry; the state already reflects those it was
     * touched after.
     */
    public static IdentityResolution continuing(IdentityState known, Collection<MergeSuppression> suppressions,
                                                Collection<SharingCleared> clearings, MergeProtection protection) {
        return new IdentityResolution(known, suppressions, clearings, protection);
    }

    /** Starts from nothing, to apply a whole component's contacts, and the clearings of its identifiers, in event-time order. */
    public static IdentityResolution rederiving(Collection<MergeSuppression> suppressions, Collection<SharingCleared> clearings,
                                                MergeProtection protection) {
        return new IdentityResolution(IdentityState.EMPTY, suppressions, clearings, protection);
    }

    /** The id of the customer a contact creates: derived from the contact, so a replay creates the same customers. */
    public static UUID newCustomerIdFor(UUID contactId) {
        return Uuids.derived("customer:" + contactId);
    }

    /**
     * Whether applying the contact now could give another result than applying it in event-time order:
     * some contact after it was already applied to the state it would read (its identifiers, or any
     * identifier of the customers they link to).
     */
    public boolean isLate(ContactIdentity contact) {
        return touchesStateAlreadyAhead(contact) && !attachesUnchanged(contact);
    }

    private boolean touchesStateAlreadyAhead(ContactIdentity contact) {
        ContactKey key = contact.key();
        for (Identifier carried : contact.identifiers()) {
            KnownIdentifier known = identifiers.get(carried);
            if (known == null) {
                continue;
            }
            if (!known.touchedBy.isBefore(key)) {
                return true;
            }
            if (!known.shared) {
                for (Identifier owned : customer(known.ownerId).owned) {
                    if (!identifiers.get(owned).touchedBy.isBefore(key)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The usual late contact (another partition was ahead): event-time order too would only have attached it to
     * the customer holding its known identifiers, changing nothing else, because every such identifier was
     * already that customer's when it happened (first seen before it, not shared), nothing was merged into that
     * customer since, and identifiers never seen before stay within the customer's limits even next to everything
     * it holds now (so they were within them at the contact's time, and no contact since would have decided
     * otherwise had they been there). Applying it now then gives exactly the event-time result (new identifiers
     * are claimed at the contact's time; touches and contact times only ever move outwards), without
     * re-deriving the component.
     */
    private boolean attachesUnchanged(ContactIdentity contact) {
        Instant at = contact.occurredAt();
        UUID holder = null;
        Set<Identifier> unknown = new LinkedHashSet<>();
        for (Identifier carried : contact.identifiers()) {
            KnownIdentifier known = identifiers.get(carried);
            if (known == null) {
                unknown.add(carried);
                continue;
            }
            if (known.shared || !known.firstSeenAt.isBefore(at) || (holder != null && !holder.equals(known.ownerId))
                    || clearedSince(carried, contact.key())) {
                return false;
            }
            holder = known.ownerId;
        }
        if (holder == null) {
            return false;
        }
        Customer customer = customer(holder);
        for (UUID member : customer.members) {
            Instant mergedAt = customer(member).mergedAt;
            if (mergedAt == null || !mergedAt.isBefore(at)) {
                return false;
            }
        }
        if (unknown.isEmpty()) {
            return true;
        }
        Map<IdentifierType, Integer> perType = new EnumMap<>(IdentifierType.class);
        customer.owned.forEach(identifier -> perType.merge(identifier.type(), 1, Integer::sum));
        unknown.forEach(identifier -> perType.merge(identifier.type(), 1, Integer::sum));
        return protection.identifierLimitPerCustomer(perType);
    }

    /** Applies the contact (see the class comment) and returns the customer it went to. */
    public UUID apply(ContactIdentity contact) {
        ContactKey key = contact.key();
        contact.identifiers().forEach(identifier -> applyClearings(identifier, key));
        Instant at = contact.occurredAt();
        List<Identifier> carried = contact.identifiers().stream().distinct().toList();
        List<Identifier> unknown = new ArrayList<>();
        List<Identifier> linking = new ArrayList<>();
        Set<Identifier> sharedBefore = new HashSet<>();
        for (Identifier identifier : carried) {
            KnownIdentifier known = identifiers.get(identifier);
            if (known == null) {
                unknown.add(identifier);
            } else if (known.shared) {
                sharedBefore.add(identifier);
            } else {
                linking.add(identifier);
            }
        }
        linking.sort(LinkStrength.STRONGEST_FIRST);
        Map<Identifier, UUID> ownerOf = new HashMap<>();
        linking.forEach(identifier -> ownerOf.put(identifier, identifiers.get(identifier).ownerId));

        List<Identifier> overexposed = new ArrayList<>();
        for (Identifier identifier : linking) {
            Set<UUID> seenWith = new HashSet<>(identifiers.get(identifier).seenWith);
            seenWith.addAll(ownerOf.values());
            if (protection.identifierSeenWithTooManyCustomersIsShared(seenWith.size())) {
                overexposed.add(identifier);
            }
        }
        overexposed.forEach(identifier -> share(identifier, key));
        linking.removeAll(overexposed);

        Group group = new Group(unknown);
        List<Identifier> accepted = new ArrayList<>();
        for (Identifier identifier : linking) {
            Customer owner = customer(ownerOf.get(identifier));
            if (group.contains(owner)) {
                accepted.add(identifier);
            } else if (group.wasUnmergedFrom(owner)) {
                // A supervisor separated these two: the link is ignored, nothing is marked shared.
                continue;
            } else if (!protection.shopAccountsNeverMerge(group.shopAccountHoldersWith(owner))
                    || !protection.identifierLimitPerCustomer(group.identifiersPerTypeWith(owner))) {
                share(identifier, key);
            } else {
                group.add(owner);
                accepted.add(identifier);
            }
        }

        Customer target;
        if (group.customers.isEmpty()) {
            target = create(newCustomerIdFor(contact.contactId()), at);
        } else {
            List<Customer> bySurvival = group.customers.stream().sorted(SURVIVOR_FIRST).toList();
            target = bySurvival.get(0);
            for (Customer merged : bySurvival.subList(1, bySurvival.size())) {
                List<Identifier> links = accepted.stream().filter(identifier -> ownerOf.get(identifier).equals(merged.id)).toList();
                merge(merged, target, contact.contactId(), links, at);
            }
        }
        for (Identifier identifier : unknown) {
            claim(identifier, target, at, key);
        }
        List<UUID> groupIds = group.customers.stream().map(customer -> customer.id).toList();
        for (Identifier identifier : accepted) {
            identifiers.get(identifier).seenWith.addAll(groupIds);
        }
        for (Identifier identifier : carried) {
            if (!sharedBefore.contains(identifier)) {
                touch(identifier, key);
            }
        }
        target.include(at);
        changedCustomers.add(target.id);
        customerByContact.put(contact.contactId(), target.id);
        return target.id;
    }

    /** Applies the clearings that come after every contact applied: call it once all contacts are applied. */
    public void finish() {
        List.copyOf(clearings.keySet()).forEach(identifier -> applyClearings(identifier, null));
    }

    /** Applies the identifier's clearings that come before {@code until} (all, if null) and after its state. */
    private void applyClearings(Identifier identifier, ContactKey until) {
        List<SharingCleared> pending = clearings.get(identifier);
        KnownIdentifier known = identifiers.get(identifier);
        if (pending == null || known == null) {
            return;
        }
        for (SharingCleared clearing : pending) {
            ContactKey at = clearing.key();
            if (until != null && !at.isBefore(until)) {
                break;
            }
            if (known.touchedBy.isBefore(at)) {
                if (known.shared) {
                    known.shared = false;
                    known.seenWith.clear();
                    known.seenWith.add(known.ownerId);
                    changedIdentifiers.add(identifier);
                }
                // Contacts before the clearing that arrive from now on are late: they read another state.
                touch(identifier, at);
            }
        }
    }

    /** Whether the identifier was cleared at or after {@code key}: before then it may have been shared. */
    private boolean clearedSince(Identifier identifier, ContactKey key) {
        return clearings.getOrDefault(identifier, List.of()).stream().anyMatch(clearing -> !clearing.key().isBefore(key));
    }

    /** The customer that holds what {@code customerId} had: itself, or the one it was merged into. */
    public UUID currentIdOf(UUID customerId) {
        Customer customer = customers.get(customerId);
        return customer == null || customer.mergedInto == null ? customerId : customer.mergedInto;
    }

    /** Every contact applied so far, with the customer that holds it now. */
    public Map<UUID, UUID> customerByContact() {
        Map<UUID, UUID> current = new LinkedHashMap<>();
        customerByContact.forEach((contactId, customerId) -> current.put(contactId, currentIdOf(customerId)));
        return current;
    }

    /** Everything known: what it started from and what it applied. */
    public IdentityState snapshot() {
        return new IdentityState(customers.values().stream().map(Customer::state).toList(),
                identifiers.values().stream().map(KnownIdentifier::state).toList(), merges);
    }

    /** Only what applying contacts created or changed, and the merges it made. */
    public IdentityState changes() {
        return new IdentityState(changedCustomers.stream().map(id -> customers.get(id).state()).toList(),
                changedIdentifiers.stream().map(id -> identifiers.get(id).state()).toList(), newMerges);
    }

    private Customer create(UUID customerId, Instant at) {
        Customer customer = new Customer(customerId, at);
        customers.put(customerId, customer);
        changedCustomers.add(customerId);
        return customer;
    }

    private void claim(Identifier identifier, Customer owner, Instant at, ContactKey key) {
        identifiers.put(identifier, new KnownIdentifier(identifier, owner.id, at, key));
        owner.owned.add(identifier);
        changedIdentifiers.add(identifier);
    }

    private void share(Identifier identifier, ContactKey key) {
        KnownIdentifier known = identifiers.get(identifier);
        known.shared = true;
        // The last moment its state mattered: from now on contacts ignore it.
        known.touchedBy = key;
        changedIdentifiers.add(identifier);
    }

    private void touch(Identifier identifier, ContactKey key) {
        KnownIdentifier known = identifiers.get(identifier);
        if (known.touchedBy.isBefore(key)) {
            known.touchedBy = key;
        }
        changedIdentifiers.add(identifier);
    }

    private void merge(Customer merged, Customer survivor, UUID causeContactId, List<Identifier> links, Instant at) {
        Merge merge = new Merge(Merge.idFor(causeContactId, survivor.id, merged.id), survivor.id, merged.id, causeContactId, links, at);
        for (Identifier identifier : merged.owned) {
            identifiers.get(identifier).ownerId = survivor.id;
            changedIdentifiers.add(identifier);
        }
        survivor.owned.addAll(merged.owned);
        merged.owned.clear();
        for (UUID memberId : merged.members) {
            customer(memberId).mergedInto = survivor.id;
            changedCustomers.add(memberId);
        }
        survivor.members.addAll(merged.members);
        merged.members.clear();
        merged.mergedInto = survivor.id;
        merged.mergedAt = at;
        survivor.members.add(merged.id);
        survivor.include(merged.firstContactAt);
        survivor.include(merged.lastContactAt);
        changedCustomers.add(merged.id);
        changedCustomers.add(survivor.id);
        merges.add(merge);
        newMerges.add(merge);
    }

    private Customer customer(UUID customerId) {
        Customer customer = customers.get(customerId);
        if (customer == null) {
            throw new IllegalStateException("customer " + customerId + " owns an identifier but is not part of the known state");
        }
        return customer;
    }

    /** The customers a contact's links have gathered so far, with the contact's unknown identifiers. */
    private final class Group {

        private final List<Customer> customers = new ArrayList<>();
        private final Set<UUID> memberIds = new HashSet<>();
        private final Map<IdentifierType, Integer> identifiersPerType = new EnumMap<>(IdentifierType.class);
        private int shopAccountHolders;

        Group(List<Identifier> unknown) {
            unknown.forEach(identifier -> identifiersPerType.merge(identifier.type(), 1, Integer::sum));
        }

        boolean contains(Customer customer) {
            return customers.contains(customer);
        }

        boolean wasUnmergedFrom(Customer candidate) {
            if (suppressed.isEmpty()) {
                return false;
            }
            for (UUID ours : memberIds) {
                for (UUID theirs : candidate.memberIds()) {
                    if (suppressed.contains(Pair.of(ours, theirs))) {
                        return true;
                    }
                }
            }
            return false;
        }

        int shopAccountHoldersWith(Customer candidate) {
            return shopAccountHolders + (candidate.holdsAShopAccount() ? 1 : 0);
        }

        Map<IdentifierType, Integer> identifiersPerTypeWith(Customer candidate) {
            Map<IdentifierType, Integer> counts = new EnumMap<>(identifiersPerType);
            candidate.owned.forEach(identifier -> counts.merge(identifier.type(), 1, Integer::sum));
            return counts;
        }

        void add(Customer customer) {
            customers.add(customer);
            memberIds.addAll(customer.memberIds());
            customer.owned.forEach(identifier -> identifiersPerType.merge(identifier.type(), 1, Integer::sum));
            shopAccountHolders += customer.holdsAShopAccount() ? 1 : 0;
        }
    }

    private static final class Customer {

        private final UUID id;
        private Instant firstContactAt;
        private Instant lastContactAt;
        private UUID mergedInto;
        private Instant mergedAt;
        private final Set<Identifier> owned = new LinkedHashSet<>();
        /** Customers merged into this one, directly or through others. */
        private final Set<UUID> members = new HashSet<>();

        Customer(UUID id, Instant at) {
            this.id = id;
            this.firstContactAt = at;
            this.lastContactAt = at;
        }

        Customer(CustomerState state) {
            this.id = state.customerId();
            this.firstContactAt = state.firstContactAt();
            this.lastContactAt = state.lastContactAt();
            this.mergedInto = state.mergedInto();
            this.mergedAt = state.mergedAt();
        }

        void include(Instant at) {
            if (at.isBefore(firstContactAt)) {
                firstContactAt = at;
            }
            if (at.isAfter(lastContactAt)) {
                lastContactAt = at;
            }
        }

        boolean holdsAShopAccount() {
            return owned.stream().anyMatch(identifier -> identifier.type() == IdentifierType.SHOP_CUSTOMER_ID);
        }

        Set<UUID> memberIds() {
            Set<UUID> ids = new HashSet<>(members);
            ids.add(id);
            return ids;
        }

        CustomerState state() {
            return new CustomerState(id, firstContactAt, lastContactAt, mergedInto, mergedAt);
        }
    }

    private static final class KnownIdentifier {

        private final Identifier identifier;
        private UUID ownerId;
        private boolean shared;
        private final Instant firstSeenAt;
        private ContactKey touchedBy;
        private final Set<UUID> seenWith = new TreeSet<>(Uuids.ORDER);

        KnownIdentifier(Identifier identifier, UUID ownerId, Instant firstSeenAt, ContactKey touchedBy) {
            this.identifier = identifier;
            this.ownerId = ownerId;
            this.firstSeenAt = firstSeenAt;
            this.touchedBy = touchedBy;
            this.seenWith.add(ownerId);
        }

        KnownIdentifier(IdentifierState state) {
            this.identifier = state.identifier();
            this.ownerId = state.ownerId();
            this.shared = state.shared();
            this.firstSeenAt = state.firstSeenAt();
            this.touchedBy = state.touchedBy();
            this.seenWith.addAll(state.seenWith());
        }

        IdentifierState state() {
            return new IdentifierState(identifier, ownerId, shared, firstSeenAt, touchedBy, List.copyOf(seenWith));
        }
    }

    /** Two customer ids, unordered. */
    private record Pair(UUID low, UUID high) {

        static Pair of(UUID a, UUID b) {
            return Uuids.ORDER.compare(a, b) <= 0 ? new Pair(a, b) : new Pair(b, a);
        }
    }
}
