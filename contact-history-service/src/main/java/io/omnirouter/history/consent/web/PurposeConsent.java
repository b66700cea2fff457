package io.omnirouter.history.consent.web;

import io.omnirouter.history.consent.model.Consent;
import io.omnirouter.history.consent.model.ConsentPurpose;
import io.omnirouter.history.consent.model.Consents;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A purpose's consent as the API shows it, in {@code GET /api/customers/{customerId}/consents} and in the
 * personal-data export.
 *
 * @param granted   true or false; null when never given ({@code state} UNKNOWN)
 * @param changedAt the event time of the latest change; null when never given
 * @param contactId the contact that made the latest change; null when never given
 */
public record PurposeConsent(ConsentPurpose purpose, State state, Boolean granted, Instant changedAt, UUID contactId) {

    /** What a customer's consent for a purpose is now. */
    public enum State { GRANTED, WITHDRAWN, UNKNOWN }

    /** Every purpose in the contract's order, as the customer's consents stand. */
    public static List<PurposeConsent> everyPurpose(Consents consents) {
        return Arrays.stream(ConsentPurpose.values()).map(purpose -> of(purpose, consents.of(purpose))).toList();
    }

    static PurposeConsent of(ConsentPurpose purpose, Optional<Consent> consent) {
        return consent.map(c -> new PurposeConsent(purpose, c.granted() ? State.GRANTED : State.WITHDRAWN, c.granted(),
                c.changedAt(), c.contactId())).orElseGet(() -> new PurposeConsent(purpose, State.UNKNOWN, null, null, null));
    }
}
