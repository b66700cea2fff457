package io.omnirouter.history.audit.web;

import io.omnirouter.history.audit.application.AuditingReads;
import io.omnirouter.history.audit.model.ReadAuditCursor;
import io.omnirouter.history.shared.web.RequestParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read audit for supervisors (SecurityConfiguration): who read a customer's data, what a user read. */
@RestController
@Tag(name = "Read audit", description = "Who read which customer's data, when, through which endpoint (supervisors)")
class ReadAuditController {

    private final AuditingReads auditing;

    ReadAuditController(AuditingReads auditing) {
        this.auditing = auditing;
    }

    /**
     * Reading the audit of a customer is itself recorded, as a read of that customer through this endpoint: the audit
     * shows who looked at who read the customer. A query by user alone names no customer and is not recorded.
     */
    @GetMapping("/api/audit/reads")
    @ReadsCustomerData
    @Operation(summary = "Reads of customers' data, newest first, per customer or per user",
            description = "At least one of customerId and actor (both: the reads of that customer by that user). A customer"
                    + " is asked for as it is now: the reads of every id that answers with it (merged customers) are included."
                    + " No content is kept: who, when, which customer, the endpoint's route template, the asOf instant of"
                    + " a past read, the instance. Keyset pagination with nextCursor.")
    ReadAuditResponse reads(@Parameter(schema = @Schema(type = "string", format = "uuid")) @RequestParam(required = false) String customerId,
                            @Parameter(description = "the user's name, as they sign in") @RequestParam(required = false) String actor,
                            @Parameter(description = "reads per page (default 50, at most 200)", schema = @Schema(type = "integer", minimum = "1"))
                            @RequestParam(required = false) String limit,
                            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
        return ReadAuditResponse.of(auditing.page(RequestParameters.optionalUuid("customerId", customerId),
                RequestParameters.text("actor", actor), RequestParameters.limit(limit),
                RequestParameters.cursor(cursor, ReadAuditCursor::decode, ReadAuditCursor::readAt)));
    }
}
