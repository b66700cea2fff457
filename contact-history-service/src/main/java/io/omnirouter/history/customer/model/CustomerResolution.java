package io.omnirouter.history.customer.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Attributes contacts to customers, first cut of SPEC §5 identity resolution:
 * <ul>
 *   <li>no identifier of the contact has an owner: the contact creates a new customer;</li>
 *   <li>its identifiers belong to one customer: the contact is that customer's;</li>
 *   <li>they belong to several: the contact goes to the one with the earliest first contact (the one
 *       that would survive a merge; merging itself comes later), ties broken by customer id;</li>
 *   <li>then the contact's identifiers that nobody owns yet become that customer's.</li>
 * </ul>
 * Shared identifiers are ignored for linking. One instance resolves a batch of contacts in order,
 * starting from the stored owners of their identifiers and remembering its own decisions, so later
 * contacts of the batch see what earlier ones created. Not thread-safe.
 */
public final class CustomerResolution {

    private static final Comparator<Candidate> SURVIVOR_FIRST =
            Comparator.comparing(Candidate::firstContactAt).thenComparing(Candidate::customerId);

    private final Map<Identifier, IdentifierOwner> owners = new HashMap<>();
    private final Map<UUID, ContactSpan> stored = new LinkedHashMap<>();
    private final Set<UUID> touchedStored = new TreeSet<>();
    private final Map<UUID, ContactSpan> created = new LinkedHashMap<>();
    private final List<NewIdentifier> newIdentifiers = new ArrayList<>();

    private record Candidate(UUID customerId, Instant firstContactAt) {
    }

    private CustomerResolution(Collection<IdentifierOwner> knownOwners) {
        for (IdentifierOwner owner : knownOwners) {
            owners.put(owner.identifier(), owner);
            stored.putIfAbsent(owner.customerId(), ContactSpan.of(owner.customerId(), owner.customerFirstContactAt()));
        }
    }

    /** @param knownOwners the stored owners of (at least) every identifier the contacts will carry */
    public static CustomerResolution startingFrom(Collection<IdentifierOwner> knownOwners) {
        return new CustomerResolution(knownOwners);
    }

    /**
     * The id of the customer a contact creates: derived from the contact, so that processing the same
     * log again creates the same customers.
     */
    public static UUID newCustomerIdFor(UUID contactId) {
        return UUID.nameUUIDFromBytes(("customer:" + contactId).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the customer the contact belongs to */
    public UUID attribute(ContactIdentity contact) {
        Objects.requireNonNull(contact, "contact");
        UUID customerId = linkedCustomer(contact).orElseGet(() -> create(contact));
        widen(customerId, contact.occurredAt());
        for (Identifier identifier : contact.identifiers()) {
            if (!owners.containsKey(identifier)) {
                owners.put(identifier, new IdentifierOwner(identifier, customerId, firstContactAt(customerId), false));
                newIdentifiers.add(new NewIdentifier(identifier, customerId, contact.occurredAt()));
            }
        }
        return customerId;
    }

    /** The decisions so far; stored customers in id order, so concurrent transactions lock rows alike. */
    public ResolutionChanges changes() {
        List<ContactSpan> existing = touchedStored.stream().map(stored::get).toList();
        return new ResolutionChanges(List.copyOf(created.values()), existing, newIdentifiers);
    }

    private Optional<UUID> linkedCustomer(ContactIdentity contact) {
        return contact.identifiers().stream()
                .map(owners::get)
                .filter(owner -> owner != null && !owner.shared())
                .map(owner -> new Candidate(owner.customerId(), firstContactAt(owner.customerId())))
                .distinct()
                .min(SURVIVOR_FIRST)
                .map(Candidate::customerId);
    }

    private UUID create(ContactIdentity contact) {
        UUID customerId = newCustomerIdFor(contact.contactId());
        created.put(customerId, ContactSpan.of(customerId, contact.occurredAt()));
        return customerId;
    }

    private void widen(UUID customerId, Instant at) {
        if (created.containsKey(customerId)) {
            created.computeIfPresent(customerId, (id, span) -> span.including(at));
        } else {
            // The stored span is widened, not replaced: SQL applies it with LEAST/GREATEST, so starting
            // from the first contact alone is enough and the stored last contact never moves back.
            stored.computeIfPresent(customerId, (id, span) -> span.including(at));
            touchedStored.add(customerId);
        }
    }

    private Instant firstContactAt(UUID customerId) {
        ContactSpan span = created.containsKey(customerId) ? created.get(customerId) : stored.get(customerId);
        return span.firstContactAt();
    }
}
