package io.omnirouter.history.customer.application;

import io.omnirouter.history.customer.model.MergeProtection;
import io.omnirouter.identifiers.IdentifierType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Merge protection (contact-history-service/docs/identity-resolution-and-rebuild.md).
 *
 * @param limits                          identifiers of each type one customer may hold
 * @param maxCustomersPerIdentifier       distinct customers an identifier may be presented with before it is
 *                                        marked shared and stops linking
 */
@Validated
@ConfigurationProperties("omnirouter.history.identity")
public record IdentityProperties(@NotNull @Valid Limits limits, @Min(1) int maxCustomersPerIdentifier) {

    /** Per identifier type; each at least 1. */
    public record Limits(@Min(1) int emails, @Min(1) int phones, @Min(1) int shopCustomerIds, @Min(1) int chatVisitorIds) {
    }

    public MergeProtection protection() {
        return new MergeProtection(Map.of(
                IdentifierType.EMAIL, limits.emails(),
                IdentifierType.PHONE, limits.phones(),
                IdentifierType.SHOP_CUSTOMER_ID, limits.shopCustomerIds(),
                IdentifierType.CHAT_VISITOR_ID, limits.chatVisitorIds()), maxCustomersPerIdentifier);
    }
}
