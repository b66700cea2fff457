package io.omnirouter.history.search.web;

import io.omnirouter.history.audit.web.ReadsCustomerData;
import io.omnirouter.history.search.application.SearchingCustomers;
import io.omnirouter.history.search.model.CustomerQuery;
import io.omnirouter.history.search.model.SearchCursor;
import io.omnirouter.history.shared.web.RequestParameters;
import io.omnirouter.identifiers.IdentifierNormalizer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's one search box (issue 14): whatever identifies a customer, typed as the customer gave it, with no
 * identifier type to choose. A read of every customer it answers with (read audit). Roles: those of every read,
 * AGENT, SUPERVISOR and OPS, as the lookup (security/web/SecurityConfiguration: GET /api/**).
 */
@RestController
class CustomerSearchController {

    private final SearchingCustomers searching;
    private final IdentifierNormalizer normalizer;

    CustomerSearchController(SearchingCustomers searching, IdentifierNormalizer normalizer) {
        this.searching = searching;
        this.normalizer = normalizer;
    }

    @GetMapping("/api/customers/search")
    @ReadsCustomerData
    @Operation(summary = "Find customers by whatever was typed: an identifier, an order id or a part of a name",
            description = "q is read every way it can be, each normalized as GET /api/customers/lookup normalizes: an e-mail"
                    + " address (white space ignored, any case); a phone number, national (default region) or international;"
                    + " a shop customer id, an order id, a chat visitor id (exactly, trimmed); a social handle"
                    + " '<platform>:<handle>' (any case, '@' optional; '@ana' alone names no platform); a part of a name"
                    + " (every word a part of one name a contact gave, accents and case aside; at least one word of three"
                    + " characters). Exact matches come first, then name matches, each most recently in contact first."
                    + " A merged customer is found as its survivor; an erased one is not found. Keyset pagination with"
                    + " nextCursor. Every customer answered is a read in the read audit.")
    @ApiResponse(responseCode = "200", description = "the customers found, perhaps none")
    @ApiResponse(responseCode = "400", description = "q missing, blank, over 200 characters or with control characters; a"
            + " malformed limit or cursor (problem details naming the parameter)")
    @ApiResponse(responseCode = "401", description = "not signed in")
    CustomerSearchResponse search(@Parameter(description = "what the customer gave, as typed: ana.novak@example.com, 041 123 456,"
                                          + " ORD-1042, instagram:ana.novak, novak", required = true,
                                          schema = @Schema(type = "string", minLength = 1, maxLength = CustomerQuery.MAX_LENGTH))
                                  @RequestParam(required = false) String q,
                                  @Parameter(description = "customers per page (default 20, at most 50)",
                                          schema = @Schema(type = "integer", minimum = "1"))
                                  @RequestParam(required = false) String limit,
                                  @Parameter(description = "nextCursor of the previous page, with the same q")
                                  @RequestParam(required = false) String cursor) {
        String typed = RequestParameters.requiredText("q", q, CustomerQuery.MAX_LENGTH);
        Integer pageSize = RequestParameters.limit(limit);
        SearchCursor after = RequestParameters.cursor(cursor, SearchCursor::decode, SearchCursor::lastContactAt);
        return CustomerSearchResponse.of(searching.search(CustomerQuery.interpret(typed, normalizer), pageSize, after));
    }
}
