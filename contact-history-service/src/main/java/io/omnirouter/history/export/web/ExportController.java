package io.omnirouter.history.export.web;

import io.omnirouter.history.audit.web.ReadsCustomerData;
import io.omnirouter.history.erasure.application.ErasingCustomers;
import io.omnirouter.history.erasure.model.ErasedCustomer;
import io.omnirouter.history.export.application.ExportingCustomers;
import io.omnirouter.history.shared.InvalidRequestException;
import io.omnirouter.history.shared.web.RequestParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The personal-data export of a customer (role SUPERVISOR, security/web/SecurityConfiguration). */
@RestController
class ExportController {

    private final ExportingCustomers exporting;
    private final ErasingCustomers erasing;
    private final Clock clock;

    ExportController(ExportingCustomers exporting, ErasingCustomers erasing, Clock clock) {
        this.exporting = exporting;
        this.erasing = erasing;
        this.clock = clock;
    }

    /**
     * Everything the API shows about the customer as it is now, as one JSON document, offered as a file. A read of the
     * customer's data like any other: recorded in the read audit (endpoint {@code GET /api/customers/{customerId}/export})
     * before it is written.
     */
    @GetMapping(path = "/api/customers/{customerId}/export", produces = MediaType.APPLICATION_JSON_VALUE)
    @ReadsCustomerData
    @Operation(summary = "A customer's personal-data export (SUPERVISOR)",
            description = "Identifiers, merges and unmerges, every contact with its whole text, every task and note, oldest first;"
                    + " the id of a customer merged into another answers with the other's (customerId says which)."
                    + " contact-history-service/docs/personal-data-export.md")
    @ApiResponse(responseCode = "200", description = "the document, with Content-Disposition: attachment; of an erased"
            + " customer, only that it was erased and when (erased)")
    @ApiResponse(responseCode = "400", description = "a malformed customer id, or asOf (problem details)")
    @ApiResponse(responseCode = "403", description = "not a supervisor")
    @ApiResponse(responseCode = "404", description = "no such customer (problem details)")
    ResponseEntity<CustomerExportResponse> export(@Parameter(schema = @Schema(type = "string", format = "uuid"))
                                                  @PathVariable String customerId,
                                                  @Parameter(description = "not supported: the export is of the present")
                                                  @RequestParam(required = false) String asOf) {
        UUID id = RequestParameters.uuid("customerId", customerId);
        // The read audit records a request's asOf: one the answer did not follow must not be recorded as if it had.
        if (asOf != null) {
            throw InvalidRequestException.of("asOf", "the export is of the present: asOf is not supported");
        }
        Optional<ErasedCustomer> erased = erasing.erased(id);
        CustomerExportResponse export = erased.isPresent() ? CustomerExportResponse.of(erased.get(), clock.instant())
                : CustomerExportResponse.of(exporting.export(id));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename("customer-" + export.customerId() + ".json").build().toString());
        if (!export.customerId().equals(id)) {
            response.header(HttpHeaders.CONTENT_LOCATION, "/api/customers/" + export.customerId() + "/export");
        }
        return response.contentType(MediaType.APPLICATION_JSON).body(export);
    }
}
