package io.omnirouter.history.consent.model;

import io.omnirouter.history.customer.model.Uuids;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A customer's consents: for each purpose, the latest change among its contacts in event-time order ({@code occurredAt},
 * then contact id as PostgreSQL orders uuids: the follow-up's order); within one contact, the last change of a purpose
 * wins. A change counts only if it is not before the one held, so the result is the same whatever order the contacts
 * are given in. A purpose never given has no consent ({@link #of} empty) and is {@linkplain #allows allowed}.
 */
public final class Consents {

    private static final Comparator<Consent> EVENT_TIME_ORDER =
            Comparator.comparing(Consent::changedAt).thenComparing(Consent::contactId, Uuids.ORDER);

    private final Map<ConsentPurpose, Consent> latest = new EnumMap<>(ConsentPurpose.class);

    /** Consents as they stood ({@link #all}), to go on from: the follow-up's checkpoint keeps them. */
    public static Consents holding(Collection<Consent> held) {
        Consents consents = new Consents();
        held.forEach(consent -> consents.latest.put(consent.purpose(), consent));
        return consents;
    }

    /** Applies the changes of the contact {@code contactId} that happened at {@code at}, in their order. */
    public void apply(UUID contactId, Instant at, List<ConsentChange> changes) {
        for (ConsentChange change : changes) {
            Consent candidate = new Consent(change.purpose(), change.granted(), at, contactId);
            Consent held = latest.get(change.purpose());
            if (held == null || EVENT_TIME_ORDER.compare(candidate, held) >= 0) {
                latest.put(change.purpose(), candidate);
            }
        }
    }

    /** The customer's consent for {@code purpose}; empty if no contact ever gave or withdrew it. */
    public Optional<Consent> of(ConsentPurpose purpose) {
        return Optional.ofNullable(latest.get(purpose));
    }

    /** Whether the customer may be contacted for {@code purpose}: unless withdrawn (never given counts as allowed). */
    public boolean allows(ConsentPurpose purpose) {
        Consent consent = latest.get(purpose);
        return consent == null || consent.granted();
    }

    /** Every purpose given or withdrawn, in the order of {@link ConsentPurpose}. */
    public Collection<Consent> all() {
        return List.copyOf(latest.values());
    }
}
