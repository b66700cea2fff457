package io.omnirouter.history.consent.web;

import io.omnirouter.history.audit.web.ReadsCustomerData;
import io.omnirouter.history.consent.application.ReadingConsents;
import io.omnirouter.history.shared.web.RequestParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
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
        return new ConsentsResponse(found.customerId(), PurposeConsent.everyPurpose(found.consents()));
    }
}
