package io.omnirouter.history.consent.web;

import io.omnirouter.history.audit.web.ReadsCustomerData;
import io.omnirouter.history.consent.application.ReadingConsents;
import io.omnirouter.history.consent.model.Consent;
import io.omnirouter.history.consent.model.ConsentPurpose;
import io.omnirouter.history.shared.web.RequestParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's consents, shown to agents and supervisors (not to OPS, SecurityConfiguration: consents are about the
 * person, not the service): every purpose, granted, withdrawn or never given ({@code UNKNOWN}).
 */
@RestController
class ConsentController {

    private final ReadingConsents consents;

    ConsentController(ReadingConsents consents) {
        this.consents = consents;
    }

    /** What a customer's consent for a purpose is now. */
    enum State { GRANTED, WITHDRAWN, UNKNOWN }

    /**
     * @param granted   true or false; null when never given ({@code state} UNKNOWN)
     * @param changedAt the event time of the latest change; null when never given
     * @param contactId the contact that made the latest change; null when never given
     */
    record PurposeConsent(ConsentPurpose purpose, State state, Boolean granted, Instant changedAt, UUID contactId) {

        static PurposeConsent of(ConsentPurpose purpose, Consent consent) {
            return consent == null ? new PurposeConsent(purpose, State.UNKNOWN, null, null, null)
                    : new PurposeConsent(purpose, consent.granted() ? State.GRANTED : State.WITHDRAWN, consent.granted(),
                            consent.changedAt(), consent.contactId());
        }
    }

    /** @param customerId the customer the id answers with now (a merged id answers with its survivor) */
    record ConsentsResponse(UUID customerId, List<PurposeConsent> consents) {
    }

    /**
     * Every purpose in the contract's order, each as the customer's latest change by event time (contacts of merged
     * customers included), or UNKNOWN. 404 unknown customer, 400 an id that is not a UUID, 403 without AGENT or
     * SUPERVISOR. A read in the read audit.
     */
    @GetMapping("/api/customers/{customerId}/consents")
    @ReadsCustomerData
    ConsentsResponse consents(@Parameter(schema = @Schema(type = "string", format = "uuid")) @PathVariable String customerId) {
        UUID id = RequestParameters.uuid("customerId", customerId);
        ReadingConsents.CustomerConsents found = consents.consentsOf(id);
        return new ConsentsResponse(found.customerId(), Arrays.stream(ConsentPurpose.values())
                .map(purpose -> PurposeConsent.of(purpose, found.consents().of(purpose).orElse(null))).toList());
    }
}
