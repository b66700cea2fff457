package io.omnirouter.history.customer.application;

import io.omnirouter.history.customer.model.MergeProtection;
import io.omnirouter.identifiers.IdentifierType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
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

    /**
     * Per identifier type (application.yml, {@code omnirouter.history.identity.limits.*}); each at least 1. Social
     * handles came later: a configuration written before them gets the default (MergeProtection.defaultLimit).
     */
    public record Limits(@Min(1) int emails, @Min(1) int phones, @Min(1) int shopCustomerIds, @Min(1) int chatVisitorIds,
                         @Min(1) @DefaultValue("5") int socialHandles) {

        /** The limit of {@code type}: every type has its key (a type added to IdentifierType does not compile here without). */
        public int of(IdentifierType type) {
            return switch (type) {
                case EMAIL -> emails;
                case PHONE -> phones;
                case SHOP_CUSTOMER_ID -> shopCustomerIds;
                case CHAT_VISITOR_ID -> chatVisitorIds;
                case SOCIAL_HANDLE -> socialHandles;
            };
        }
    }

    public MergeProtection protection() {
        Map<IdentifierType, Integer> perType = new EnumMap<>(IdentifierType.class);
        for (IdentifierType type : IdentifierType.values()) {
            perType.put(type, limits.of(type));
        }
        return new MergeProtection(perType, maxCustomersPerIdentifier);
    }
}
