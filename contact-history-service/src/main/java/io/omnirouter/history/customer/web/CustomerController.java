package io.omnirouter.history.customer.web;

import io.omnirouter.history.customer.application.LookingUpCustomers;
import io.omnirouter.history.shared.InvalidRequestException;
import io.omnirouter.identifiers.IdentifierType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/customers")
class CustomerController {

    private final LookingUpCustomers lookingUp;

    CustomerController(LookingUpCustomers lookingUp) {
        this.lookingUp = lookingUp;
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

    private static void putIfPresent(Map<IdentifierType, String> given, IdentifierType type, String raw) {
        if (raw != null) {
            given.put(type, raw);
        }
    }
}
