package io.omnirouter.history.customer.web;

import io.omnirouter.history.customer.application.LookingUpCustomers;
import io.omnirouter.history.customer.application.UnmergingCustomers;
import io.omnirouter.history.customer.application.UnmergingCustomers.Unmerged;
import io.omnirouter.history.shared.InvalidRequestException;
import io.omnirouter.identifiers.IdentifierType;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/customers")
class CustomerController {

    private final LookingUpCustomers lookingUp;
    private final UnmergingCustomers unmerging;

    CustomerController(LookingUpCustomers lookingUp, UnmergingCustomers unmerging) {
        this.lookingUp = lookingUp;
        this.unmerging = unmerging;
    }

    /** The customer owning an identifier given raw, as an agent would type it; exactly one parameter. */
    @GetMapping("/lookup")
    CustomerResponse lookup(@RequestParam(required = false) String phone,
                            @RequestParam(required = false) String email,
                            @RequestParam(required = false) String shopCustomerId,
                            @RequestParam(required = false) String chatVisitorId) {
        Map<IdentifierType, String> given = new LinkedHashMap<>();
        putIfPresent(given, IdentifierType.PHONE, phone);
        putIfPresent(given, IdentifierType.EMAIL, email);
        putIfPresent(given, IdentifierType.SHOP_CUSTOMER_ID, shopCustomerId);
        putIfPresent(given, IdentifierType.CHAT_VISITOR_ID, chatVisitorId);
        if (given.size() != 1) {
            throw new InvalidRequestException("exactly one of the parameters phone, email, shopCustomerId, chatVisitorId is required, got "
                    + given.size());
        }
        Map.Entry<IdentifierType, String> identifier = given.entrySet().iterator().next();
        return lookingUp.byIdentifier(identifier.getKey(), identifier.getValue())
                .map(CustomerResponse::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no customer has that identifier"));
    }

    /**
     * The customer's profile with its merge lineage. The id of a customer that was merged into another
     * answers with the other's profile (its {@code customerId} differs from the one asked for, and
     * {@code Content-Location} names it), so ids handed out before a merge keep working.
     */
    @GetMapping("/{customerId}")
    ResponseEntity<CustomerResponse> profile(@PathVariable UUID customerId) {
        CustomerResponse profile = CustomerResponse.of(lookingUp.profile(customerId));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (!profile.customerId().equals(customerId)) {
            response.header(HttpHeaders.CONTENT_LOCATION, "/api/customers/" + profile.customerId());
        }
        return response.body(profile);
    }

    /** Undoes one merge of the customer's lineage (role SUPERVISOR): both customers as if the link never happened. */
    @PostMapping("/{customerId}/unmerge")
    UnmergeResponse unmerge(@PathVariable UUID customerId, @RequestBody UnmergeRequest request, Principal principal) {
        if (request == null || request.mergeId() == null) {
            throw new InvalidRequestException("mergeId is required");
        }
        Unmerged unmerged = unmerging.unmerge(customerId, request.mergeId(), principal == null ? null : principal.getName());
        return new UnmergeResponse(request.mergeId(), CustomerResponse.of(unmerged.survivor()), CustomerResponse.of(unmerged.restored()));
    }

    /** @param mergeId one of the customer's standing merges (see {@code merges} in its profile) */
    record UnmergeRequest(UUID mergeId) {
    }

    /**
     * @param survivor the customer the merge had gone into, without what came with the merged one
     * @param restored the merged customer, again a customer in its own right with its own contacts
     */
    record UnmergeResponse(UUID mergeId, CustomerResponse survivor, CustomerResponse restored) {
    }

    private static void putIfPresent(Map<IdentifierType, String> given, IdentifierType type, String raw) {
        if (raw != null) {
            given.put(type, raw);
        }
    }
}
